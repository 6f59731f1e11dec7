// Kassa service worker. The bank works only online: a page is always fetched from the server,
// and when it cannot be (no connection, the server unreachable) the static offline page
// (offline.html) says so in the customer's language. The Cache Storage holds only that page,
// its style, script and icons, and the app's hashed code (/assets/*) to start faster: never an
// API answer, never index.html. Balances, operations and one-time codes always come fresh from
// the server, and nothing personal stays on a device that someone else might use later
// (security memo: public and shared computers).

// A new name drops the earlier caches on activation (kassa-shell-v1 kept index.html).
const CACHE_NAME = 'kassa-offline-v2';

// Paths the service worker must leave alone: they go to the network as if it did not exist. The
// back office (/backoffice) is the staff's app on the same origin: never this app's offline page.
const NETWORK_ONLY_PREFIXES = ['/api/', '/healthz', '/readyz', '/docs', '/backoffice'];

const OFFLINE_URL = '/offline.html';
// Fetched at install: everything the offline page shows, and nothing else.
const OFFLINE_URLS = [
  OFFLINE_URL,
  '/offline.css',
  '/offline.js',
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
];

// Hashed assets pile up across releases; keep at most this many, dropping the oldest first.
const ASSET_ENTRIES_MAX = 120;

function isNetworkOnly(url) {
  return NETWORK_ONLY_PREFIXES.some((prefix) => url.pathname.startsWith(prefix));
}

async function trimAssets(cache) {
  const keys = (await cache.keys()).filter((request) => new URL(request.url).pathname.startsWith('/assets/'));
  const excess = keys.length - ASSET_ENTRIES_MAX;
  for (const request of keys.slice(0, Math.max(0, excess))) await cache.delete(request);
}

/** Hashed assets never change under a name: the cached copy is the right one. */
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

/** The offline page's files: fresh when online (and kept), the kept copy when not. */
async function networkFirst(request, cacheKey) {
  const cache = await caches.open(CACHE_NAME);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(cacheKey, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(cacheKey);
    if (cached) return cached;
    throw error;
  }
}

/** A page: always from the network; the offline page when the network fails. */
async function navigation(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const offline = await caches.match(OFFLINE_URL);
    if (offline) return offline;
    throw error;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.addAll(OFFLINE_URLS))
      .then(() => self.skipWaiting()),
  );
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
    event.respondWith(navigation(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (OFFLINE_URLS.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  }
});
