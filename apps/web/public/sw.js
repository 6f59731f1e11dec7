// Kassa service worker: caches the app shell only, so the installed app opens offline and
// starts fast. It never caches API responses: balances, operations and one-time codes must
// always come fresh from the server, and nothing personal may stay in the Cache Storage of a
// device that someone else might use later (security memo: public and shared computers).

const CACHE_NAME = 'kassa-shell-v1';

// Paths the service worker must leave alone: they go to the network as if it did not exist.
const NETWORK_ONLY_PREFIXES = ['/api/', '/healthz', '/docs'];

// The shell fetched at install. Hashed assets (/assets/*) referenced by index.html are added
// too, and any other asset is cached on its first fetch.
const SHELL_URLS = ['/', '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];
const INDEX_URL = '/';

// Hashed assets pile up across releases; keep at most this many, dropping the oldest first.
const ASSET_ENTRIES_MAX = 120;
const ASSET_REFERENCE_PATTERN = /\/assets\/[A-Za-z0-9._-]+\.(?:js|css|woff2?|svg|png|webp)/g;

function isNetworkOnly(url) {
  return NETWORK_ONLY_PREFIXES.some((prefix) => url.pathname.startsWith(prefix));
}

async function assetsReferencedBy(response) {
  const html = await response.clone().text();
  return [...new Set(html.match(ASSET_REFERENCE_PATTERN) ?? [])];
}

async function precacheShell() {
  const cache = await caches.open(CACHE_NAME);
  const index = await fetch(INDEX_URL, { cache: 'no-cache' });
  if (!index.ok) throw new Error(`index.html answered ${index.status}`);
  const assets = await assetsReferencedBy(index);
  await cache.put(INDEX_URL, index);
  await cache.addAll([...SHELL_URLS.filter((url) => url !== INDEX_URL), ...assets]);
}

async function trimAssets(cache) {
  const keys = (await cache.keys()).filter((request) => new URL(request.url).pathname.startsWith('/assets/'));
  const excess = keys.length - ASSET_ENTRIES_MAX;
  for (const request of keys.slice(0, Math.max(0, excess))) await cache.delete(request);
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    await cache.put(request, response.clone());
    await trimAssets(cache);
  }
  return response;
}

async function networkFirstNavigation(request) {
  try {
    const response = await fetch(request);
    // Only the app's own index is kept; other server pages (e.g. API docs) are not cached.
    const url = new URL(request.url);
    if (response.ok && url.pathname === INDEX_URL) {
      const cache = await caches.open(CACHE_NAME);
      await cache.put(INDEX_URL, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(INDEX_URL);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE_NAME).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isNetworkOnly(url)) return; // network only: no respondWith, the browser fetches as usual

  if (request.mode === 'navigate') {
    event.respondWith(networkFirstNavigation(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (SHELL_URLS.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((cached) => cached ?? fetch(request)));
  }
});
