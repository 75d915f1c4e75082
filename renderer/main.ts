import type { AppState } from '../core/app-api.ts';
import { byId, errorText, h } from './dom.ts';
import { challengeTitle, connectionText, feedLine, standingsText, timeLeft } from './format.ts';
import { onboarding } from './onboarding.ts';

/**
 * The desktop main window until the React app (next issue) replaces it: connection, pack,
 * live challenges with standings, the feed, and the first-run forms. Plain DOM, no inline script.
 */

const DEFAULT_RELAY = 'http://127.0.0.1:7420';
const api = window.wolfpack;
let mode: 'onboarding' | 'pack' | null = null;
let route = location.hash.slice(1);

function packView(state: AppState): HTMLElement {
  const status = h('p', { class: 'error', role: 'alert', 'data-testid': 'log-error' });
  const logButtons = state.metrics
    .filter((m) => !m.needsMeetingDate)
    .map((m) => {
      const button = h('button', { type: 'button', 'data-metric': m.id }, `+1 ${m.label}`);
      button.addEventListener('click', () => {
        status.textContent = '';
        api
          .log({ metric: m.id })
          .then((r) => {
            if (!r.ok) status.textContent = r.error.message;
          })
          .catch((e: unknown) => (status.textContent = errorText(e)));
      });
      return button;
    });
  const problems = state.hotkeys?.problems ?? [];
  const hosting = state.hosting;
  return h(
    'section',
    { id: 'pack' },
    h(
      'div',
      { class: 'card' },
      h('h2', {}, state.pack?.name ?? 'Your pack'),
      h('p', {}, `Members: ${state.members.map((m) => m.displayName).join(', ') || '—'}`),
      state.inviteCode ? h('p', {}, 'Invite code: ', h('code', {}, state.inviteCode)) : null,
      hosting
        ? h(
            'p',
            { 'data-testid': 'hosting' },
            `Hosted on this computer. Partners on your network join at ${hosting.urls.join(' or ')}`,
            hosting.inviteCode ? ` with invite code ${hosting.inviteCode}` : '',
          )
        : null,
      h('div', { class: 'row' }, ...logButtons),
      status,
    ),
    problems.length > 0
      ? h('div', { class: 'card warn', role: 'alert' }, ...problems.map((p) => h('p', {}, p.message)))
      : null,
    h('div', { class: 'card' }, h('h2', {}, 'Live challenges'), challengeList(state)),
    h('div', { class: 'card' }, h('h2', {}, 'Feed'), feedList(state)),
  );
}

function challengeList(state: AppState): HTMLElement {
  const live = state.challenges.filter((c) => c.status === 'active' || c.status === 'scheduled');
  if (live.length === 0) return h('p', { class: 'muted' }, 'No challenge is running.');
  const now = Date.now();
  return h(
    'ul',
    { id: 'challenges' },
    ...live.map((c) =>
      h(
        'li',
        { 'data-challenge': c.id, class: route.endsWith(`/${c.id}`) ? 'highlight' : undefined },
        h('strong', {}, challengeTitle(c, state)),
        ` — ${standingsText(c, state) || 'no logs yet'} — ${c.status === 'scheduled' ? 'starts soon' : timeLeft(c.end, now)}`,
      ),
    ),
  );
}

function feedList(state: AppState): HTMLElement {
  if (state.feed.length === 0) return h('p', { class: 'muted' }, 'Nothing logged yet.');
  const latest = state.feed.slice(-30).reverse();
  return h('ul', { id: 'feed' }, ...latest.map((entry) => h('li', {}, feedLine(entry, state))));
}

async function render(state: AppState): Promise<void> {
  byId('connection').textContent = connectionText(state.connection);
  const main = byId('content');
  if (state.you === null) {
    // Rebuilt only when entering onboarding, so a state push never wipes what the rep typed.
    if (mode === 'onboarding') return;
    mode = 'onboarding';
    const settings = await api.getSettings().catch(() => null);
    main.replaceChildren(onboarding(settings?.relayUrls[0] ?? DEFAULT_RELAY));
    return;
  }
  mode = 'pack';
  main.replaceChildren(packView(state));
}

let latest: AppState | null = null;
function show(state: AppState): void {
  latest = state;
  render(state).catch((e: unknown) => {
    byId('connection').textContent = `error: ${errorText(e)}`;
  });
}

api.onState(show);
api.onNavigate((next) => {
  route = next;
  location.hash = next;
  if (latest) show(latest);
});
api.getState().then(show, (e: unknown) => {
  byId('connection').textContent = `error: ${errorText(e)}`;
});
// Time left moves even when nothing else does.
setInterval(() => latest && mode === 'pack' && show(latest), 30_000);
