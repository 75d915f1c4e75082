import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickServices } from './api.ts';
import { App } from './App.tsx';
import { applyStoredTheme } from './theme.ts';
import './styles/base.css';
import './styles/screens.css';

applyStoredTheme(document, window.localStorage);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App services={pickServices(window)} />
    </StrictMode>,
  );
}
