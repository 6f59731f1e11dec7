import { LANGUAGES, type Language } from './catalogue.js';
import { MESSAGES } from './messages.js';

/** The frame of every page: no inline script or style (the CSP forbids them), the language switch, the demo banner. */

export const SHOP_PATH = '/demo-shop';
/** On every route's schema: the shop is not Kassa's API, so Kassa's OpenAPI document leaves it out (@fastify/swagger). */
export const NOT_IN_KASSA_API = { hide: true } as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text into HTML, in content and in quoted attributes alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

const LANGUAGE_LABELS: Record<Language, string> = { ru: 'Рус', kk: 'Қаз', en: 'Eng' };

function languageSwitch(current: Language, path: string): string {
  const links = LANGUAGES.map((language) =>
    language === current
      ? `<span aria-current="true">${LANGUAGE_LABELS[language]}</span>`
      : `<a href="${escapeHtml(`${path}?lang=${language}`)}" lang="${language}">${LANGUAGE_LABELS[language]}</a>`,
  );
  return `<nav class="languages" aria-label="Language">${links.join(' ')}</nav>`;
}

export function page(input: { language: Language; title: string; path: string; main: string; script?: string }): string {
  const messages = MESSAGES[input.language];
  const script = input.script ? `<script src="${SHOP_PATH}/assets/${input.script}" defer></script>` : '';
  return `<!doctype html>
<html lang="${input.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} · ${escapeHtml(messages.title)}</title>
<link rel="stylesheet" href="${SHOP_PATH}/assets/shop.css">
<link rel="icon" href="${SHOP_PATH}/assets/favicon.svg" type="image/svg+xml">
${script}
</head>
<body>
<header class="top">
<a class="brand" href="${SHOP_PATH}"><img src="${SHOP_PATH}/assets/favicon.svg" alt="" width="24" height="24"> ${escapeHtml(messages.title)}</a>
${languageSwitch(input.language, input.path)}
</header>
<p class="demo-banner" role="note">${escapeHtml(messages.demoBanner)}</p>
<main>
${input.main}
</main>
<footer><p>${escapeHtml(messages.memoryNote)}</p></footer>
</body>
</html>
`;
}
