// The design system first (tokens, base, components); the shell's own styles come with it (layout/shell.css).
import '@kassa/ui/tokens.css';
import '@kassa/ui/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { KitTexts } from './i18n/KitTexts';

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element');

// The first render waits for the language: a screen never shows translation keys.
void initI18n().then(() =>
  createRoot(rootElement).render(
    <StrictMode>
      <KitTexts>
        <App />
      </KitTexts>
    </StrictMode>,
  ),
);
