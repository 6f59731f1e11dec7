import { createServer } from 'node:http';
import { SmscSimulator } from '../src/modules/notifications/index.js';

/**
 * `npm run smsc:dev -w apps/server`: the SMSC simulator for development (docs/sms-smpp.md), on
 * 127.0.0.1:2775, binding with SMPP_SYSTEM_ID / SMPP_PASSWORD (kassa / kassa by default), with a
 * DELIVRD receipt for every part after a second. Its inbox, codes in plaintext like the dev SMS
 * inbox, is at http://127.0.0.1:2776/ (a page) and /inbox (JSON). Development only: it listens on
 * the loopback address and keeps nothing on disk. Run the server beside it with
 * SMS_ADAPTER=smpp SMPP_HOST=127.0.0.1 SMPP_SYSTEM_ID=kassa SMPP_PASSWORD=kassa SMPP_SOURCE_ADDR=Kassa.
 */
const HOST = '127.0.0.1';
const SMPP_PORT = Number(process.env.SMSC_DEV_PORT ?? 2775);
const INBOX_PORT = Number(process.env.SMSC_DEV_INBOX_PORT ?? 2776);
const RECEIPT_DELAY_MS = 1000;

const simulator = await SmscSimulator.start({
  host: HOST,
  port: SMPP_PORT,
  systemId: process.env.SMPP_SYSTEM_ID || 'kassa',
  password: process.env.SMPP_PASSWORD || 'kassa',
});
simulator.sendReceipts('DELIVRD', RECEIPT_DELAY_MS);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function inboxPage(): string {
  const rows = [...simulator.inbox]
    .reverse()
    .map(
      (message) =>
        `<tr><td>${escapeHtml(message.receivedAt)}</td><td>${escapeHtml(message.from)}</td><td>+${escapeHtml(message.to)}</td>` +
        `<td>${escapeHtml(message.text)}</td><td>${message.messageIds.length} (${message.dataCoding === 8 ? 'UCS-2' : 'GSM-7'})</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>SMSC simulator inbox</title>
<style>body{font:15px system-ui;margin:2rem;color:#1b2430}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde3ea;padding:.5rem;text-align:left;vertical-align:top}</style>
<h1>SMSC simulator inbox</h1><p>smpp://${HOST}:${SMPP_PORT}, newest first; development only.</p>
<table><tr><th>Received</th><th>From</th><th>To</th><th>Text</th><th>Parts</th></tr>${rows || '<tr><td colspan="5">No messages yet.</td></tr>'}</table></html>`;
}

const inbox = createServer((request, response) => {
  if (request.url === '/inbox') {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(simulator.inbox));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(inboxPage());
});
inbox.listen(INBOX_PORT, HOST, () => {
  console.log(`SMSC simulator on smpp://${HOST}:${simulator.port}; inbox at http://${HOST}:${INBOX_PORT}/`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    inbox.close();
    void simulator.close().then(() => process.exit(0));
  });
}
