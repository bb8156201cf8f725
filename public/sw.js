// Liuke's service worker: keeps this build's files so the app starts with no network.
// scripts/finish_dist.py fills in the version and the file list at build time.
const VERSION = '__VERSION__';
const CACHE = `liuke-${VERSION}`;
const ASSETS = [
  './',
  /* __ASSETS__ */
];

self.addEventListener('install', (event) => {
  // A new version waits until the page agrees to switch (nothing unsaved is lost).
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('liuke-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The app is one page: any address in scope opens the cached page; the query
    // (?today=) and hash are read by the app itself.
    event.respondWith(
      caches.open(CACHE)
        .then((cache) => cache.match('./'))
        .then((cached) => cached || fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((cached) => cached || fetch(request)),
  );
});
