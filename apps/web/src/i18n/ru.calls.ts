/**
 * Russian strings of "Is Kassa calling me?" (features/calls): the page, the home banner and the
 * links to it. Kept beside ru.ts like ru.money.ts; the same key rules apply.
 */
export const ruCalls = {
  calls: {
    title: 'Вам звонит Kassa?',
    lead: 'Проверьте здесь, действительно ли с вами сейчас говорит сотрудник Kassa.',
    activeTitle: 'Да, это Kassa',
    active: 'Сейчас с вами говорит {{name}} из Kassa (звонок начался в {{time}}).',
    activeInbound: 'Вы позвонили в контакт-центр сами, и оператор подтвердил, что это вы, кодом из SMS.',
    activeOutbound: 'Kassa позвонила вам сама. Мы не попросим у вас код, данные карты или PIN-код.',
    activeCheck: 'Если собеседник называет другое имя или просит код, данные карты или PIN-код, положите трубку и позвоните нам сами.',
    noneTitle: 'Нет, Kassa вам сейчас не звонит',
    none: 'Сейчас вам никто из Kassa не звонит. Положите трубку: мы никогда не просим коды, данные карты или PIN-код.',
    callBack: 'Чтобы поговорить с банком, позвоните в контакт-центр сами:',
    refreshing: 'Страница обновляется сама каждые несколько секунд.',
    checkedAt: 'Проверено в {{time}}',
    unavailable: 'Не удалось проверить. Если сомневаетесь, положите трубку и позвоните нам сами.',
    signedOutTitle: 'Войдите, чтобы проверить звонок',
    signedOut: 'После входа в интернет-банк здесь будет видно, говорит ли с вами сейчас сотрудник Kassa.',
    signedOutAdvice:
      'Kassa никогда не просит по телефону коды из SMS, данные карты или PIN-код. Если вас об этом просят, это мошенники: положите трубку.',
    login: 'Войти и проверить',
    bannerTitle: 'Сейчас с вами говорит {{name}} из Kassa',
    bannerText: 'Звонок начался в {{time}}.',
    bannerLink: 'Подробнее о звонке',
    securityCardTitle: 'Вам звонят из банка?',
    securityCardText: 'Пока сотрудник Kassa говорит с вами, это видно в интернет-банке. Проверьте, прежде чем продолжать разговор.',
    securityCardLink: 'Проверить, звонит ли Kassa',
  },
};
