import { useCallback, useEffect, useState } from 'react';
import { formatInstant } from '../../../core/format.ts';
import type { BoardLink } from '../../../core/types.ts';
import { useApp } from '../context.ts';
import { shownFreshLink, withBoard, type FreshLink } from '../logic/board-links.ts';
import { ROTATE_DEFAULT, withRotation } from '../logic/board-rotate.ts';
import type { AppView, PackApi } from '../services.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { RotateSelect } from './board/RotateSelect.tsx';
import { ErrorText } from './ErrorText.tsx';
import { Field } from './Field.tsx';
import { useAction } from './use-action.ts';

/** The owner's relay features: the invite code and the floor board links. */
export function PackSection({ state }: { state: AppView }) {
  const { services } = useApp();
  const pack = services.pack;
  const owner = state.you?.role === 'owner';
  const members = state.members.filter((m) => m.active);
  return (
    <section className="card" aria-labelledby="pack-title">
      <h2 id="pack-title">Pack</h2>
      <p>
        {state.pack?.name} · {members.length} {members.length === 1 ? 'member' : 'members'} ·{' '}
        {state.pack?.timeZone}
      </p>
      <ul className="members">
        {members.map((m) => (
          <li key={m.id}>
            {m.displayName}
            {m.role === 'owner' ? ' (owner)' : ''}
          </li>
        ))}
      </ul>
      {owner && pack ? <OwnerTools state={state} pack={pack} /> : null}
      {owner && !pack && state.inviteCode ? (
        <p>
          Invite code: <span className="code">{state.inviteCode}</span>
        </p>
      ) : null}
      {!owner ? <p className="hint">The pack owner manages the invite code and floor board links.</p> : null}
    </section>
  );
}

function boardUrl(relayUrl: string | null, token: string): string {
  const base = relayUrl ?? window.location.origin;
  return `${base.replace(/\/+$/, '')}/board#${token}`;
}

function OwnerTools({ state, pack }: { state: AppView; pack: PackApi }) {
  const [boards, setBoards] = useState<BoardLink[]>([]);
  const [label, setLabel] = useState('Sales floor TV');
  const [made, setMade] = useState<FreshLink | null>(null);
  const [pageSeconds, setPageSeconds] = useState(ROTATE_DEFAULT);
  const list = useAction(
    useCallback(() => pack.listBoards(), [pack]),
    useCallback((done: { boards: BoardLink[] }) => setBoards(done.boards), []),
  );
  const refresh = list.run;
  useEffect(() => void refresh(), [refresh]);
  const create = useAction(
    (text: string) => pack.createBoard(text),
    (done) => {
      setMade({ id: done.board.id, url: boardUrl(state.connection.relayUrl, done.token) });
      void refresh();
    },
  );
  const revoke = useAction(
    (boardId: string) => pack.revokeBoard(boardId),
    (done) => {
      // The answer marks it revoked at once, so its address is gone without waiting for the list.
      setBoards((current) => withBoard(current, done.board));
      void refresh();
    },
  );
  const fresh = shownFreshLink(made, boards);
  const rotate = useAction(() => pack.rotateInvite());
  return (
    <>
      <h3>Invite code</h3>
      <p className="code" data-testid="settings-invite-code">
        {state.inviteCode ?? '…'}
      </p>
      <ConfirmButton
        label="Make a new invite code"
        confirmLabel="Really make a new code?"
        keepLabel="Keep this code"
        note={`${state.inviteCode ?? 'The current code'} stops working at once: anyone you gave it to cannot join with it.`}
        disabled={rotate.busy}
        onConfirm={() => void rotate.run()}
      />
      <p className="hint">The old code stops working; members who joined stay.</p>
      <ErrorText error={rotate.error} />

      <h3>Floor board links</h3>
      <p className="hint">A read-only screen for a TV: live standings and the feed, no controls.</p>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          void create.run(label);
        }}
      >
        <Field label="Board label" value={label} onChange={setLabel} maxLength={60} />
        <RotateSelect value={pageSeconds} onChange={setPageSeconds} />
        <button type="submit" disabled={create.busy}>
          Create board link
        </button>
      </form>
      <ErrorText error={create.error} />
      {fresh ? (
        <p className="fresh-link">
          Open this address on the TV (shown only now):{' '}
          <a
            href={withRotation(fresh.url, pageSeconds)}
            data-testid="board-link"
            target="_blank"
            rel="noreferrer"
          >
            {withRotation(fresh.url, pageSeconds)}
          </a>
        </p>
      ) : null}
      <ErrorText error={list.error ?? revoke.error} />
      <ul className="boards">
        {boards.map((board) => (
          <li key={board.id} data-testid="board-item">
            <span>
              {board.label} · made {formatInstant(board.createdAt, state.pack?.timeZone ?? 'UTC')}
              {board.revokedAt ? ' · revoked' : ''}
            </span>
            {board.revokedAt ? null : (
              <button
                type="button"
                className="ghost"
                disabled={revoke.busy}
                onClick={() => void revoke.run(board.id)}
                aria-label={`Revoke ${board.label}`}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
