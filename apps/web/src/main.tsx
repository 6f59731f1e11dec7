import './ui/tokens.css';
import './ui/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { registerServiceWorker } from './lib/serviceWorker';

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element');

// The first render waits for the customer's language: a screen never shows translation keys.
void initI18n().then(() =>
  createRoot(rootElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

registerServiceWorker();
