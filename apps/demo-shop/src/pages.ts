import { CATALOGUE, formatTenge, type Language } from './catalogue.js';
import { escapeHtml, page, SHOP_PATH } from './html.js';
import { failureText, MESSAGES } from './messages.js';
import { type Order, type OrderLine, type OrderStatus, PAYMENT_MODES } from './orders.js';

/** The shop's pages, rendered on the server; every text escaped, every amount formatted here. */

function catalogueSection(language: Language): string {
  const messages = MESSAGES[language];
  const cards = CATALOGUE.map(
    (item) => `<li class="item">
<span class="swatch ${item.swatch}" aria-hidden="true"></span>
<h3>${escapeHtml(item.name[language])}</h3>
<p class="price">${escapeHtml(formatTenge(item.priceMinor, language))}</p>
<form method="post" action="${SHOP_PATH}/basket/add">
<input type="hidden" name="item" value="${item.id}">
<button type="submit">${escapeHtml(messages.add)}</button>
</form>
</li>`,
  );
  return `<section aria-labelledby="catalogue"><h2 id="catalogue">${escapeHtml(messages.catalogue)}</h2><ul class="items">${cards.join('\n')}</ul></section>`;
}

function linesTable(lines: OrderLine[], language: Language, removable: boolean): string {
  const messages = MESSAGES[language];
  const rows = lines.map(({ item, quantity }) => {
    const remove = removable
      ? `<form method="post" action="${SHOP_PATH}/basket/remove"><input type="hidden" name="item" value="${item.id}"><button type="submit" class="link">${escapeHtml(messages.remove)}</button></form>`
      : '';
    return `<tr><td>${escapeHtml(item.name[language])}</td><td class="quantity">× ${quantity}</td><td class="amount">${escapeHtml(
      formatTenge(item.priceMinor * BigInt(quantity), language),
    )}</td><td>${remove}</td></tr>`;
  });
  const total = lines.reduce((sum, { item, quantity }) => sum + item.priceMinor * BigInt(quantity), 0n);
  return `<table class="lines"><tbody>${rows.join('')}</tbody><tfoot><tr><th scope="row" colspan="2">${escapeHtml(
    messages.total,
  )}</th><td class="amount">${escapeHtml(formatTenge(total, language))}</td><td></td></tr></tfoot></table>`;
}

/**
 * The choice of how to pay, above the one pay button: a guest's sandbox card (the default, and the
 * test key) or a Kassa customer's own card or e-wallet (the live key; they sign in on the checkout).
 */
function payForm(language: Language): string {
  const messages = MESSAGES[language];
  const choices = PAYMENT_MODES.map((mode) => {
    const label = mode === 'test' ? messages.payTestCard : messages.payKassa;
    const checked = mode === 'test' ? ' checked' : '';
    return `<label class="pay-mode"><input type="radio" name="mode" value="${mode}"${checked}> ${escapeHtml(label)}</label>`;
  });
  return `<form method="post" action="${SHOP_PATH}/orders"><fieldset class="pay-modes"><legend>${escapeHtml(messages.payChoice)}</legend>
${choices.join('\n')}
<p class="pay-hint">${escapeHtml(messages.payKassaHint)}</p></fieldset>
<button type="submit" class="pay">${escapeHtml(messages.pay)}</button></form>`;
}

function basketSection(lines: OrderLine[], language: Language, notice: string | null): string {
  const messages = MESSAGES[language];
  const alert = notice ? `<p class="notice" role="alert">${escapeHtml(notice)}</p>` : '';
  const content =
    lines.length === 0
      ? `<p class="empty">${escapeHtml(messages.basketEmpty)}</p>`
      : `${linesTable(lines, language, true)}
${payForm(language)}`;
  return `<section id="basket" aria-labelledby="basket-title" class="basket"><h2 id="basket-title">${escapeHtml(messages.basket)}</h2>
${alert}${content}
<p class="test-cards">${escapeHtml(messages.testCards)}</p></section>`;
}

/** The home page: the catalogue and the basket side by side (stacked on a phone). */
export function shopPage(language: Language, lines: OrderLine[], notice: string | null = null): string {
  return page({
    language,
    title: MESSAGES[language].catalogue,
    path: SHOP_PATH,
    main: `<div class="shop">${catalogueSection(language)}${basketSection(lines, language, notice)}</div>`,
  });
}

/** The words for an order's status, as the page shows them and the status poll returns them. */
export function statusText(order: Pick<Order, 'status' | 'failureCode'>, language: Language): string {
  const messages = MESSAGES[language];
  const words: Record<OrderStatus, string> = {
    awaiting_payment: messages.statusAwaiting,
    paid: messages.statusPaid,
    failed: `${messages.statusFailed}: ${failureText(language, order.failureCode)}`,
    disputed: messages.statusDisputed,
    chargeback_lost: messages.statusChargebackLost,
  };
  return words[order.status];
}

export function orderPage(order: Order, language: Language): string {
  const messages = MESSAGES[language];
  const path = `${SHOP_PATH}/orders/${order.id}`;
  return page({
    language,
    title: messages.order,
    path,
    // order.js polls the status while it waits; without script the page still shows where it stands.
    script: 'order.js',
    main: `<section class="order" aria-labelledby="order-title">
<h2 id="order-title">${escapeHtml(messages.order)} <code>${escapeHtml(order.id)}</code></h2>
${linesTable(order.lines, language, false)}
<p class="paid-with">${escapeHtml(messages.paidWith)}: ${escapeHtml(order.mode === 'test' ? messages.payTestCard : messages.payKassa)}</p>
<p class="status status-${order.status}" id="order-status" role="status" aria-live="polite" data-status="${order.status}" data-poll="${escapeHtml(
      `${path}/status?lang=${language}`,
    )}">${escapeHtml(statusText(order, language))}</p>
<p><a href="${SHOP_PATH}">${escapeHtml(messages.backToShop)}</a></p>
</section>`,
  });
}

export function messagePage(language: Language, text: string): string {
  const messages = MESSAGES[language];
  return page({
    language,
    title: messages.title,
    path: SHOP_PATH,
    main: `<p class="notice" role="alert">${escapeHtml(text)}</p><p><a href="${SHOP_PATH}">${escapeHtml(messages.backToShop)}</a></p>`,
  });
}
