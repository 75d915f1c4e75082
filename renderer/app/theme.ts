import type { KeyValueStore } from '../web/key-value.ts';

export type Theme = 'light' | 'dark';
const KEY = 'wolfpack.theme';

/** Without a stored choice the page follows prefers-color-scheme (in the CSS); a choice overrides it. */
export function applyStoredTheme(doc: Document, store: KeyValueStore): void {
  const stored = store.getItem(KEY);
  if (stored === 'light' || stored === 'dark') doc.documentElement.dataset.theme = stored;
}

export function currentTheme(doc: Document, win: Window): Theme {
  const set = doc.documentElement.dataset.theme;
  if (set === 'light' || set === 'dark') return set;
  return win.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function setTheme(doc: Document, store: KeyValueStore, theme: Theme): void {
  doc.documentElement.dataset.theme = theme;
  store.setItem(KEY, theme);
}
