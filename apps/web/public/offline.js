// The offline page's one script (no inline script: the CSP forbids it). Shows the customer's
// language only, the one the app remembered (i18n/index.ts LANGUAGE_STORAGE_KEY) or else the
// browser's first supported one, and reloads the page as soon as the connection is back.
(() => {
  const LANGUAGES = ['ru', 'kk', 'en'];
  const STORAGE_KEY = 'kassa.lang';

  function storedLanguage() {
    try {
      return window.localStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  }

  function preferredLanguage() {
    const stored = storedLanguage();
    if (LANGUAGES.includes(stored)) return stored;
    for (const tag of navigator.languages ?? [navigator.language]) {
      const primary = String(tag).toLowerCase().split('-')[0];
      if (LANGUAGES.includes(primary)) return primary;
    }
    return 'ru';
  }

  const language = preferredLanguage();
  document.documentElement.lang = language;
  for (const card of document.querySelectorAll('[data-lang]')) card.hidden = card.dataset.lang !== language;
  const title = document.querySelector(`[data-lang="${language}"] h1`);
  if (title) document.title = `Kassa · ${title.textContent}`;

  // "Try again" opens the page that could not load (without JavaScript it opens the home page).
  for (const retry of document.querySelectorAll('.offline__retry')) retry.href = window.location.href;
  window.addEventListener('online', () => window.location.reload());
  // The 'online' event does not come when the device was online and the bank unreachable (or
  // when a browser misses the change), so the page also asks the bank every few seconds.
  const RETRY_EVERY_MS = 3000;
  window.setInterval(() => {
    if (!navigator.onLine) return;
    fetch('/healthz', { cache: 'no-store' })
      .then((response) => {
        if (response.ok) window.location.reload();
      })
      .catch(() => undefined);
  }, RETRY_EVERY_MS);
})();
