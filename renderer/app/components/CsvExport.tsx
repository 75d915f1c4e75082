import type { MouseEvent } from 'react';
import { useApp } from '../context.ts';
import { ErrorText } from './ErrorText.tsx';
import { useAction } from './use-action.ts';

export const CSV_PATH = '/api/export/challenges.csv';

/** The relay's CSV needs the member token, so the page fetches it and hands the browser a file. */
export function CsvExport() {
  const { services } = useApp();
  const pack = services.pack;
  const download = useAction(
    () => (pack ? pack.exportChallengesCsv() : Promise.resolve({ ok: true as const, csv: '' })),
    (done) => {
      const url = URL.createObjectURL(new Blob([done.csv], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'wolfpack-challenges.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  );
  if (!pack) return null;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void download.run();
  };
  return (
    <span className="export">
      <a href={CSV_PATH} onClick={onClick} className="button ghost" aria-busy={download.busy}>
        Export CSV
      </a>
      <ErrorText error={download.error} />
    </span>
  );
}
