// The design system first (tokens, base, components), then the web app's own screens.
import '@kassa/ui/tokens.css';
import '@kassa/ui/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { KitTexts } from './i18n/KitTexts';
import { registerServiceWorker } from './lib/serviceWorker';

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element');

// The first render waits for the customer's language: a screen never shows translation keys.
void initI18n().then(() =>
  createRoot(rootElement).render(
    <StrictMode>
      <KitTexts>
        <App />
      </KitTexts>
    </StrictMode>,
  ),
);

registerServiceWorker();
