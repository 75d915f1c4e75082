/** How often the floor board turns to its next page, from the board link's `?rotate=N`. */
export const ROTATE_DEFAULT = 12;
export const ROTATE_MIN = 5;
export const ROTATE_MAX = 120;

/** The choices offered where the link is made; any whole number in range works in the address. */
export const ROTATE_CHOICES: readonly number[] = [8, 12, 20, 30, 60];

/**
 * Seconds per page. A TV's address is typed by hand or mangled by a chat app, so anything that is
 * not a whole number of seconds from 5 to 120 falls back to the default rather than stopping the
 * board (a page that turns every 0.1 s, or never, is no use on a sales floor).
 */
export function rotateSeconds(search: string): number {
  const raw = new URLSearchParams(search).get('rotate');
  if (raw === null || !/^\d{1,3}$/.test(raw.trim())) return ROTATE_DEFAULT;
  const seconds = Number(raw.trim());
  return seconds >= ROTATE_MIN && seconds <= ROTATE_MAX ? seconds : ROTATE_DEFAULT;
}

/**
 * The board address with its page interval: `/board?rotate=20#TOKEN`. The token stays in the
 * hash (never sent to the server's logs); the default is left out to keep the address short.
 */
export function withRotation(boardUrl: string, seconds: number): string {
  const hashAt = boardUrl.indexOf('#');
  const head = hashAt >= 0 ? boardUrl.slice(0, hashAt) : boardUrl;
  const hash = hashAt >= 0 ? boardUrl.slice(hashAt) : '';
  const [path = '', query = ''] = head.split('?');
  const params = new URLSearchParams(query);
  if (seconds === ROTATE_DEFAULT) params.delete('rotate');
  else params.set('rotate', String(seconds));
  const search = params.toString();
  return `${path}${search ? `?${search}` : ''}${hash}`;
}

export interface PageClock {
  /** 0-based page on screen now. */
  index: number;
  /** 0..1: how much of this page's time has passed, for the progress bar. */
  progress: number;
}

/** Which page shows `elapsedMs` after the board opened; one page never turns. */
export function pageAt(elapsedMs: number, pages: number, seconds: number): PageClock {
  if (pages <= 1) return { index: 0, progress: 0 };
  const periodMs = seconds * 1000;
  const elapsed = Math.max(0, elapsedMs);
  return {
    index: Math.floor(elapsed / periodMs) % pages,
    progress: (elapsed % periodMs) / periodMs,
  };
}
