import type { AppContext } from '../../context.js';
import type { Language } from '../../shared/i18n.js';
import { formatMoney } from '../../shared/money.js';
import { escapeHtml, renderPdf } from '../../shared/pdf.js';
import type { TransferView } from './transfers.service.js';

const LABELS = {
  title: { ru: 'Квитанция об операции', kk: 'Операция түбіртегі', en: 'Operation receipt' },
  number: { ru: 'Номер операции', kk: 'Операция нөмірі', en: 'Operation number' },
  date: { ru: 'Дата и время (Алматы)', kk: 'Күні мен уақыты (Алматы)', en: 'Date and time (Almaty)' },
  kind: { ru: 'Вид', kk: 'Түрі', en: 'Type' },
  status: { ru: 'Статус', kk: 'Мәртебесі', en: 'Status' },
  from: { ru: 'Отправитель', kk: 'Жіберуші', en: 'From' },
  to: { ru: 'Получатель', kk: 'Алушы', en: 'To' },
  amount: { ru: 'Сумма', kk: 'Сомасы', en: 'Amount' },
  fee: { ru: 'Комиссия', kk: 'Комиссия', en: 'Fee' },
  total: { ru: 'Итого списано', kk: 'Барлығы есептен шығарылды', en: 'Total debited' },
  reason: { ru: 'Причина отказа', kk: 'Бас тарту себебі', en: 'Reason declined' },
  purpose: { ru: 'Код назначения платежа', kk: 'Төлем мақсатының коды', en: 'Payment purpose code' },
  description: { ru: 'Назначение', kk: 'Мақсаты', en: 'Description' },
  footer: {
    ru: 'Не узнаёте операцию? Нажмите «Это не я» в интернет-банке или позвоните {phone}.',
    kk: 'Операцияны танымайсыз ба? Интернет-банкте «Бұл мен емес» түймесін басыңыз немесе {phone} нөміріне қоңырау шалыңыз.',
    en: 'Do not recognise this operation? Press "This wasn\'t me" in the internet bank or call {phone}.',
  },
} as const;

const KINDS = {
  own: { ru: 'Перевод между своими счетами', kk: 'Өз шоттарыңыз арасында аударым', en: 'Transfer between own accounts' },
  phone: { ru: 'Перевод по номеру телефона', kk: 'Телефон нөмірі бойынша аударым', en: 'Transfer by phone number' },
  iban: { ru: 'Перевод по IBAN', kk: 'IBAN бойынша аударым', en: 'Transfer by IBAN' },
} as const;

const STATUSES = {
  awaiting_confirmation: { ru: 'Ожидает подтверждения', kk: 'Растауды күтуде', en: 'Awaiting confirmation' },
  completed: { ru: 'Исполнена', kk: 'Орындалды', en: 'Completed' },
  sent: { ru: 'Отправлена в другой банк', kk: 'Басқа банкке жіберілді', en: 'Sent to the other bank' },
  declined: { ru: 'Отклонена', kk: 'Қабылданбады', en: 'Declined' },
  expired: { ru: 'Не подтверждена вовремя', kk: 'Уақытында расталмады', en: 'Not confirmed in time' },
} as const;

export function formatAlmaty(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : `${language}-KZ`, {
    timeZone: 'Asia/Almaty',
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(new Date(iso));
}

function rows(view: TransferView, language: Language): Array<[string, string]> {
  const money = (minor: number) => formatMoney(BigInt(minor), view.currency, language);
  const result: Array<[string, string]> = [
    [LABELS.number[language], view.id],
    [LABELS.date[language], formatAlmaty(view.createdAt, language)],
    [LABELS.kind[language], KINDS[view.kind as keyof typeof KINDS][language]],
    [LABELS.status[language], STATUSES[view.status as keyof typeof STATUSES][language]],
  ];
  if (view.payer) result.push([LABELS.from[language], view.payer]);
  result.push([LABELS.to[language], view.payee], [LABELS.amount[language], money(view.amountMinor)]);
  if (view.feeMinor > 0)
    result.push([LABELS.fee[language], money(view.feeMinor)], [LABELS.total[language], money(view.amountMinor + view.feeMinor)]);
  if (view.declineReasonText) result.push([LABELS.reason[language], view.declineReasonText]);
  if (view.purposeCode) result.push([LABELS.purpose[language], view.purposeCode]);
  if (view.description) result.push([LABELS.description[language], view.description]);
  return result;
}

export function receiptHtml(ctx: AppContext, view: TransferView, language: Language): string {
  const domain = ctx.config.officialDomain;
  const body = rows(view, language)
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(LABELS.title[language])} ${escapeHtml(view.id)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;color:#10233f}h1{font-size:1.3rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #dde3ea;vertical-align:top}th{color:#506176;font-weight:500;width:45%}footer{margin-top:1.5rem;color:#506176;font-size:.9rem}</style></head>
<body><header><strong>Kassa</strong> · ${escapeHtml(domain)}</header><h1>${escapeHtml(LABELS.title[language])}</h1><table>${body}</table>
<footer>${escapeHtml(LABELS.footer[language].replace('{phone}', ctx.config.contactCenterPhone))}</footer></body></html>`;
}

export function receiptPdf(ctx: AppContext, view: TransferView, language: Language): Promise<Buffer> {
  const domain = ctx.config.officialDomain;
  return renderPdf({ title: `${LABELS.title[language]} ${view.id}` }, (doc) => {
    doc
      .font('bold')
      .fontSize(18)
      .fillColor('#0b4f6c')
      .text('Kassa', { continued: true })
      .font('regular')
      .fontSize(10)
      .fillColor('#506176')
      .text(`   ${domain}`);
    doc.moveDown().font('bold').fontSize(15).fillColor('#10233f').text(LABELS.title[language]).moveDown(0.5);
    for (const [label, value] of rows(view, language)) {
      const y = doc.y;
      doc.font('regular').fontSize(10).fillColor('#506176').text(label, 48, y, { width: 200 });
      doc.font('regular').fontSize(11).fillColor('#10233f').text(value, 260, y, { width: 290 });
      doc.moveDown(0.6);
    }
    doc.moveDown().fontSize(9).fillColor('#506176').text(LABELS.footer[language].replace('{phone}', ctx.config.contactCenterPhone), 48);
  });
}
