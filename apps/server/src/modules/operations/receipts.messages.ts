import type { Language, Localized } from '../../shared/i18n.js';

/** Every word of a receipt (PDF, HTML), of its check page (/r/<code>) and of a statement's lines, in ru/kk/en. */
export const RECEIPT_LABELS = {
  title: { ru: 'Квитанция об операции', kk: 'Операция түбіртегі', en: 'Operation receipt' },
  number: { ru: 'Номер операции', kk: 'Операция нөмірі', en: 'Operation number' },
  date: { ru: 'Дата и время (Алматы)', kk: 'Күні мен уақыты (Алматы)', en: 'Date and time (Almaty)' },
  kind: { ru: 'Вид', kk: 'Түрі', en: 'Type' },
  status: { ru: 'Статус', kk: 'Мәртебесі', en: 'Status' },
  from: { ru: 'Отправитель', kk: 'Жіберуші', en: 'From' },
  source: { ru: 'Счёт списания', kk: 'Есептен шығарылған шот', en: 'Debited account' },
  to: { ru: 'Получатель', kk: 'Алушы', en: 'To' },
  payeeAccount: { ru: 'Счёт получателя', kk: 'Алушының шоты', en: 'Payee account' },
  payeePhone: { ru: 'Телефон получателя', kk: 'Алушының телефоны', en: 'Payee phone' },
  amount: { ru: 'Сумма', kk: 'Сомасы', en: 'Amount' },
  fee: { ru: 'Комиссия', kk: 'Комиссия', en: 'Fee' },
  total: { ru: 'Итого списано', kk: 'Барлығы есептен шығарылды', en: 'Total debited' },
  reason: { ru: 'Причина отказа', kk: 'Бас тарту себебі', en: 'Reason declined' },
  purpose: { ru: 'Код назначения платежа', kk: 'Төлем мақсатының коды', en: 'Payment purpose code' },
  description: { ru: 'Назначение', kk: 'Мақсаты', en: 'Description' },
  check: { ru: 'Проверка подлинности', kk: 'Түпнұсқалығын тексеру', en: 'Check this receipt' },
  checkHint: {
    ru: 'Отсканируйте QR-код или откройте ссылку: на сайте банка откроется эта квитанция.',
    kk: 'QR-кодты сканерлеңіз немесе сілтемені ашыңыз: банк сайтында осы түбіртек ашылады.',
    en: 'Scan the QR code or open the link: this receipt opens on the bank’s site.',
  },
  qr: { ru: 'QR-код проверки квитанции', kk: 'Түбіртекті тексеру QR-коды', en: 'QR code to check the receipt' },
} as const satisfies Record<string, Localized>;

export function receiptFooter(language: Language, contactPhone: string): string {
  return {
    ru: `Не узнаёте операцию? Нажмите «Это не я» в интернет-банке или позвоните ${contactPhone}.`,
    kk: `Операцияны танымайсыз ба? Интернет-банкте «Бұл мен емес» түймесін басыңыз немесе ${contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `Do not recognise this operation? Press "This wasn't me" in the internet bank or call ${contactPhone}.`,
  }[language];
}

/** The check page (/r/<code>): what it says of a code the bank printed, and of one it did not. */
export const RECEIPT_CHECK_TEXTS = {
  title: { ru: 'Проверка квитанции', kk: 'Түбіртекті тексеру', en: 'Receipt check' },
  genuine: {
    ru: 'Квитанция подлинная: её выдал {bank}.',
    kk: 'Түбіртек түпнұсқа: оны {bank} берген.',
    en: 'This receipt is genuine, issued by {bank}.',
  },
  genuineHint: {
    ru: 'Сверьте с этими данными квитанцию, которую вам показали. Статус — на момент проверки.',
    kk: 'Сізге көрсетілген түбіртекті осы деректермен салыстырыңыз. Мәртебесі тексеру сәтіндегі.',
    en: 'Compare the receipt you were shown with these details. The status is as of now.',
  },
  notFound: {
    ru: 'Квитанция не найдена — возможно, она поддельная.',
    kk: 'Түбіртек табылмады — ол жалған болуы мүмкін.',
    en: 'Receipt not found — it may be forged.',
  },
  notFoundHint: {
    ru: 'Не отдавайте товар и не считайте деньги полученными. Позвоните в банк: {phone}.',
    kk: 'Тауарды бермеңіз және ақшаны алынды деп санамаңыз. Банкке қоңырау шалыңыз: {phone}.',
    en: 'Do not hand over goods or treat the money as received. Call the bank: {phone}.',
  },
  contact: {
    ru: 'Контакт-центр банка: {phone} (бесплатно по Казахстану).',
    kk: 'Банктің байланыс орталығы: {phone} (Қазақстан бойынша тегін).',
    en: 'The bank’s contact centre: {phone} (free within Kazakhstan).',
  },
  language: { ru: 'Язык', kk: 'Тіл', en: 'Language' },
} as const satisfies Record<string, Localized>;

/** A statement line's purpose when the debit includes the bank's fee: "Перевод по IBAN; в т. ч. комиссия 150,00 ₸". */
export const FEE_INCLUDED: Localized = { ru: 'в т. ч. комиссия {fee}', kk: 'оның ішінде комиссия {fee}', en: 'incl. fee {fee}' };
