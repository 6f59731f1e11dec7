/**
 * Registers public/sw.js (the offline page when a page cannot load; never /api/, never data). Only in production builds: in
 * development the service worker would serve stale modules to Vite's hot reload.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // The app works without offline support (e.g. a browser in private mode refuses
      // service workers), so a failed registration is not an error for the customer.
    });
  });
}
