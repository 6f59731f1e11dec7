// The demo shop's order page: asks the shop (never Kassa) for the order's status every few
// seconds until the webhook has settled it, and shows the words. A file of its own: the page's
// CSP allows no inline script.
const POLL_MS = 2000;
// A buyer who left the tab open stops costing requests after this.
const POLL_FOR_MS = 10 * 60 * 1000;
// A dispute takes weeks, not the minutes this page polls for: its statuses end the poll too.
const FINAL = ['paid', 'failed', 'disputed', 'chargeback_lost'];

const element = document.getElementById('order-status');
const startedAt = Date.now();

async function poll() {
  if (!element || FINAL.includes(element.dataset.status) || Date.now() - startedAt > POLL_FOR_MS) return;
  try {
    const response = await fetch(element.dataset.poll, { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (response.ok) {
      const answer = await response.json();
      element.textContent = answer.text;
      element.dataset.status = answer.status;
      element.className = `status status-${answer.status}`;
    }
  } catch {
    // A dropped request is retried at the next tick.
  }
  setTimeout(poll, POLL_MS);
}

setTimeout(poll, POLL_MS);
