import { defineProblems } from '../../shared/problem.js';

/** The closed set of refusals of service payments (problem+json), in ru/kk/en. */
export const PaymentsProblem = defineProblems({
  // Unknown, or suspended for a new payment: one answer, the catalogue no longer offers it.
  'provider-not-found': {
    status: 404,
    title: { ru: 'Поставщик услуг не найден', kk: 'Қызмет жеткізушісі табылмады', en: 'Service provider not found' },
  },
  'provider-suspended': {
    status: 422,
    title: {
      ru: 'Платежи этому поставщику временно не принимаются',
      kk: 'Бұл жеткізушіге төлемдер уақытша қабылданбайды',
      en: 'Payments to this provider are paused for now',
    },
  },
  // The fields of the provider's form: each failing field is named in `errors`.
  'payment-fields-invalid': {
    status: 422,
    title: { ru: 'Проверьте реквизиты платежа', kk: 'Төлем деректемелерін тексеріңіз', en: 'Check the payment details' },
  },
  'provider-account-not-found': {
    status: 422,
    title: {
      ru: 'Поставщик не нашёл такой лицевой счёт или номер',
      kk: 'Жеткізуші мұндай дербес шотты немесе нөмірді таппады',
      en: 'The provider found no such account or number',
    },
  },
  'nothing-due': {
    status: 422,
    title: {
      ru: 'По этому счёту сейчас нечего оплачивать',
      kk: 'Бұл шот бойынша қазір төлейтін ештеңе жоқ',
      en: 'Nothing is due on this account right now',
    },
  },
  // No money moved: the customer may try again in a minute.
  'provider-unavailable': {
    status: 503,
    title: {
      ru: 'Поставщик сейчас не отвечает. Деньги не списаны, попробуйте через минуту',
      kk: 'Жеткізуші қазір жауап бермейді. Ақша алынған жоқ, бір минуттан кейін қайталаңыз',
      en: 'The provider is not answering right now. No money was taken; try again in a minute',
    },
  },
  // The payment names no check, another account's, or one that ran out: check the account again.
  'check-required': {
    status: 422,
    title: {
      ru: 'Сначала проверьте счёт у поставщика',
      kk: 'Алдымен шотты жеткізушіде тексеріңіз',
      en: 'Check the account with the provider first',
    },
  },
  'check-expired': {
    status: 422,
    title: {
      ru: 'Данные поставщика устарели: проверьте счёт ещё раз',
      kk: 'Жеткізуші деректері ескірді: шотты қайта тексеріңіз',
      en: 'The provider’s answer is out of date: check the account again',
    },
  },
  // A schedule's provider, amount or dates: each failing field is named in `errors`.
  'schedule-invalid': {
    status: 422,
    title: { ru: 'Проверьте регулярный платёж', kk: 'Тұрақты төлемді тексеріңіз', en: 'Check the scheduled payment' },
  },
  'schedules-too-many': {
    status: 409,
    title: {
      ru: 'У вас уже {max} регулярных платежей: сначала отмените ненужный',
      kk: 'Сізде {max} тұрақты төлем бар: алдымен қажетсізін болдырмаңыз',
      en: 'You have {max} scheduled payments already: cancel one first',
    },
  },
  'favourites-too-many': {
    status: 409,
    title: {
      ru: 'В избранном уже {max} платежей: сначала удалите ненужный',
      kk: 'Таңдаулыда {max} төлем бар: алдымен қажетсізін жойыңыз',
      en: 'You have {max} favourite payments already: delete one first',
    },
  },
  'payment-amount-invalid': {
    status: 422,
    title: { ru: 'Проверьте сумму платежа', kk: 'Төлем сомасын тексеріңіз', en: 'Check the payment amount' },
  },
  // The staff's catalogue (catalogue.admin.ts): every part of the definition at fault is in `errors`.
  'provider-invalid': {
    status: 422,
    title: { ru: 'Проверьте описание поставщика', kk: 'Жеткізуші сипаттамасын тексеріңіз', en: 'Check the provider’s definition' },
  },
  'provider-slug-taken': {
    status: 409,
    title: {
      ru: 'Поставщик с таким кодом уже есть',
      kk: 'Мұндай коды бар жеткізуші бұрыннан бар',
      en: 'A provider with this code already exists',
    },
  },
  // An edit made on a copy someone else changed meanwhile (service_providers.version).
  'provider-version-stale': {
    status: 409,
    title: {
      ru: 'Поставщика уже изменили. Откройте его заново и повторите правку',
      kk: 'Жеткізуші өзгертіліп қойған. Оны қайта ашып, түзетуді қайталаңыз',
      en: 'Someone changed the provider meanwhile. Open it again and redo your edit',
    },
  },
  'provider-status-refused': {
    status: 409,
    title: { ru: 'Поставщик уже в этом статусе', kk: 'Жеткізуші бұл мәртебеде тұр', en: 'The provider already has this status' },
  },
  'provider-settlement-unchanged': {
    status: 422,
    title: {
      ru: 'Новые реквизиты совпадают с действующими',
      kk: 'Жаңа деректемелер қолданыстағылармен бірдей',
      en: 'The new settlement details are the ones in force',
    },
  },
  // The checker's approval of a settlement change made before the provider changed (provider-settlement-approval.ts).
  'provider-settlement-stale': {
    status: 409,
    title: {
      ru: 'Поставщика изменили после запроса. Отклоните запрос и создайте новый',
      kk: 'Сұраудан кейін жеткізуші өзгертілді. Сұрауды қабылдамай, жаңасын жасаңыз',
      en: 'The provider changed after the request. Reject it and make a new one',
    },
  },
});
