import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickServices } from './api.ts';
import { App } from './App.tsx';
import { applyStoredTheme } from './theme.ts';
import './styles/base.css';
import './styles/shell.css';
import './styles/live.css';
import './styles/standings.css';
import './styles/log-bar.css';
import './styles/feed.css';
import './styles/summary.css';
import './styles/new-challenge.css';
import './styles/history.css';
import './styles/stats.css';
import './styles/settings.css';
import './styles/onboarding.css';
import './styles/board.css';
import './styles/progress.css';
import './styles/moment.css';
import './styles/confirm.css';

applyStoredTheme(document, window.localStorage);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App services={pickServices(window)} />
    </StrictMode>,
  );
}
