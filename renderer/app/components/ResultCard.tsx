import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ChallengeView } from '../../../core/types.ts';
import { useApp } from '../context.ts';
import { CARD_HEIGHT, CARD_WIDTH, cardBlob, drawResultCard, resultCardModel } from '../logic/result-card.ts';
import type { AppView } from '../services.ts';
import { ErrorText } from './ErrorText.tsx';

/** Where the page may put a picture on the clipboard: a secure page of a browser that has ClipboardItem. */
function clipboardTakesImages(): boolean {
  return typeof ClipboardItem !== 'undefined' && typeof navigator.clipboard?.write === 'function';
}

/**
 * The result as a picture to share (1200x630 PNG), drawn in the page: Save PNG downloads it and
 * Copy image puts it on the clipboard where the browser allows that. `collapsed` starts it hidden
 * behind a button, for places with several results.
 */
export function ResultCard({
  challenge,
  state,
  collapsed = false,
}: {
  challenge: ChallengeView;
  state: AppView;
  collapsed?: boolean;
}) {
  const { services } = useApp();
  const [open, setOpen] = useState(!collapsed);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const panelId = useId();
  const { members, metrics, pack } = state;
  // Not the whole state: it changes with every log, and a redraw costs a few milliseconds.
  const model = useMemo(
    () => resultCardModel(challenge, { members, metrics, pack }),
    [challenge, members, metrics, pack],
  );

  useEffect(() => {
    const context = open ? canvas.current?.getContext('2d') : null;
    if (context) drawResultCard(context, model);
  }, [open, model]);

  // The desktop window refuses downloads and clipboard access by design (electron/main/adapters/security.ts).
  const desktop = services.kind === 'desktop';
  const canCopy = !desktop && clipboardTakesImages();

  const save = async () => {
    if (!canvas.current) return;
    setError(null);
    try {
      const url = URL.createObjectURL(await cardBlob(canvas.current));
      const link = document.createElement('a');
      link.href = url;
      link.download = model.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(`Saved as ${model.fileName}.`);
    } catch (thrown) {
      setError(`The card could not be saved: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    }
  };

  const copy = async () => {
    if (!canvas.current) return;
    setError(null);
    try {
      // The blob is handed over as a promise, so the click still counts as the user's gesture.
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': cardBlob(canvas.current) })]);
      setStatus('Copied: paste it into a chat or an email.');
    } catch (thrown) {
      setError(
        `The browser refused to copy the image (${thrown instanceof Error ? thrown.message : String(thrown)}). Use Save PNG instead.`,
      );
    }
  };

  return (
    <div className="result-card" data-testid="result-card">
      {collapsed ? (
        <button
          type="button"
          className="ghost result-card-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide result card' : 'Result card'}
        </button>
      ) : null}
      {open ? (
        <div id={panelId} className="result-card-panel">
          <canvas
            ref={canvas}
            width={CARD_WIDTH}
            height={CARD_HEIGHT}
            className="result-card-image"
            role="img"
            aria-label={model.summary}
          />
          {desktop ? (
            <p className="hint">
              This window does not save or copy pictures. Open your pack in a browser to share the card.
            </p>
          ) : (
            <div className="row result-card-actions">
              <button type="button" onClick={() => void save()}>
                Save PNG
              </button>
              {canCopy ? (
                <button type="button" className="ghost" onClick={() => void copy()}>
                  Copy image
                </button>
              ) : (
                <p className="hint">
                  This browser cannot copy pictures here (it needs a secure https page); use Save PNG.
                </p>
              )}
            </div>
          )}
          <p className="hint" role="status">
            {status}
          </p>
          <ErrorText error={error} />
        </div>
      ) : null}
    </div>
  );
}
