import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Route } from '../logic/route.ts';
import type { AppView } from '../services.ts';
import { currentTheme, setTheme } from '../theme.ts';
import type { Theme } from '../theme.ts';
import { Link } from './Link.tsx';
import { NavIcon } from './NavIcon.tsx';
import type { IconName } from './NavIcon.tsx';
import { Paw } from './Paw.tsx';

const NAV: { label: string; to: Route; is: Route['name'] & IconName }[] = [
  { label: 'Live', to: { name: 'live', challengeId: null }, is: 'live' },
  { label: 'New challenge', to: { name: 'new' }, is: 'new' },
  { label: 'History', to: { name: 'history', challengeId: null }, is: 'history' },
  { label: 'Stats', to: { name: 'stats' }, is: 'stats' },
  { label: 'Recap', to: { name: 'recap', weekStart: null }, is: 'recap' },
  { label: 'Settings', to: { name: 'settings' }, is: 'settings' },
];

function connectionWords(state: AppView): string {
  const { state: connection, queued } = state.connection;
  const word = connection === 'online' ? 'Online' : connection === 'connecting' ? 'Connecting…' : 'Offline';
  return queued > 0 ? `${word} · ${queued} waiting to send` : word;
}

export function Shell({ state, route, children }: { state: AppView; route: Route; children: ReactNode }) {
  const [theme, setThemeState] = useState<Theme>(() => currentTheme(document, window));
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    setTheme(document, window.localStorage, next);
    setThemeState(next);
  };
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <Paw />
          <span className="brand-name">{state.pack?.name ?? 'Wolfpack'}</span>
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.is}>
                <Link to={item.to} current={route.name === item.is}>
                  <NavIcon name={item.is} />
                  <span className="nav-label">{item.label}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="status">
          <span
            className={`connection connection-${state.connection.state}`}
            role="status"
            data-testid="connection"
          >
            <span className="connection-words">{connectionWords(state)}</span>
          </span>
          <button
            type="button"
            className="ghost theme-toggle"
            onClick={toggle}
            aria-pressed={theme === 'dark'}
          >
            <NavIcon name={theme === 'dark' ? 'sun' : 'moon'} />
            <span className="nav-label">{theme === 'dark' ? 'Light theme' : 'Dark theme'}</span>
          </button>
        </div>
      </header>
      {state.hotkeys?.problems.map((problem) => (
        <p key={problem.action} className="banner error" role="alert">
          {problem.message}. <Link to={{ name: 'settings' }}>Choose other keys in Settings</Link>
        </p>
      ))}
      {state.problem ? (
        <p className="banner error" role="alert">
          {state.problem}
        </p>
      ) : null}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
