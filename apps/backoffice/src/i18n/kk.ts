import { kkCalls } from './kk.calls';
import { kkCaseAuthors } from './kk.caseAuthors';
import { kkCases } from './kk.cases';
import { kkChargeback } from './kk.chargeback';
import { kkControl } from './kk.control';
import { kkIncidentReset } from './kk.incidentReset';
import { kkLimits } from './kk.limits';
import { kkMerchants } from './kk.merchants';
import { kkProviders } from './kk.providers';
import { kkSecurityKeys } from './kk.securityKeys';
import { kkStaffAdmin } from './kk.staffAdmin';
import type { Translation } from './ru';

/** The back office's Kazakh texts. Same keys as ru.ts (enforced by the `Translation` type). */
export const kk: Translation = {
  app: {
    name: 'Kassa',
    product: 'Бэк-офис',
    titleTemplate: '{{page}} · Kassa бэк-офис',
  },
  a11y: {
    skipToContent: 'Мазмұнға өту',
    mainNav: 'Бэк-офис бөлімдері',
    language: 'Интерфейс тілі',
    homeLink: 'Kassa бэк-офис — басты бет',
    steps: '{{total}} қадамның {{current}}-қадамы',
  },
  languages: {
    ru: 'Русский',
    kk: 'Қазақша',
    en: 'English',
    ruShort: 'Рус',
    kkShort: 'Қаз',
    enShort: 'Eng',
  },
  common: {
    loading: 'Жүктелуде…',
    retry: 'Қайталау',
    copy: 'Көшіру',
    copied: 'Көшірілді',
    copyFailed: 'Көшіру мүмкін болмады. Мәтінді белгілеп, қолмен көшіріңіз.',
  },
  errors: {
    title: 'Сұрау орындалмады',
    network: 'Сервермен байланыс жоқ. Қосылымды тексеріп, қайталаңыз.',
    unexpected: 'Күтпеген қате (коды {{status}}). Кейінірек қайталаңыз.',
    requestId: 'Сұрау нөмірі: {{requestId}}',
    supportDetails: 'Қолдау қызметіне арналған мәліметтер',
    fieldErrors: 'Өрістерді тексеріңіз:',
  },
  password: {
    rule: 'Кемінде {{min}}, ең көбі {{max}} таңба.',
    count: 'Қазір: {{length}}',
    show: 'Көрсету',
    hide: 'Жасыру',
  },
  login: {
    title: 'Қызметкерлерге арналған кіру',
    lead: 'Тек банк қызметкерлеріне арналған. Бэк-офистегі әр әрекет аудит журналына жазылады.',
    username: 'Логин',
    usernameRequired: 'Логинді енгізіңіз.',
    password: 'Құпиясөз',
    passwordRequired: 'Құпиясөзді енгізіңіз.',
    submit: 'Жалғастыру',
    lockedHint: 'Ертерек кіру қажет болса, бэк-офис әкімшісіне хабарласыңыз.',
    notice_loggedOut: 'Сіз бэк-офистен шықтыңыз.',
    notice_idle: 'Сеанс аяқталды: сіз бэк-офисте ұзақ уақыт жұмыс істемедіңіз.',
    notice_expired: 'Сеанс аяқталды. Қайта кіріңіз.',
  },
  totp: {
    title: 'Қолданбадағы код',
    lead: 'Аутентификатор қолданбасын ашып, Kassa бэк-офисіне арналған 6 таңбалы кодты енгізіңіз.',
    label: 'Код',
    hint: 'Алты цифр; бос орындарымен қоюға болады.',
    invalid: 'Кодтың алты цифрын енгізіңіз.',
    submit: 'Кіру',
    startOver: 'Логин мен құпиясөзді қайта енгізу',
  },
  enroll: {
    title: 'Аутентификатор қолданбасын қосыңыз',
    lead: 'Бұл сіздің алғашқы кіруіңіз. Екінші фактор міндетті: онсыз бэк-офиске кіруге болмайды.',
    scan: 'QR-кодты аутентификатор қолданбасымен сканерлеңіз (мысалы, Google Authenticator, Microsoft Authenticator немесе FreeOTP).',
    qrAlt: 'Аутентификатор қолданбасына арналған QR-код',
    manual: 'Сканерлеу мүмкін болмаса, кілтті қолмен қосыңыз (түрі: уақыт бойынша, 6 цифр, 30 секунд):',
    secret: 'Кілт',
    secretCopy: 'Кілтті көшіру',
    warningTitle: 'Бұл QR-код пен кілт тек сізге арналған',
    warningText: 'Оларды суретке түсірмеңіз және ешкімге жібермеңіз. Олар бір рет қана көрсетіледі; банк оларды сізден ешқашан сұрамайды.',
    codeStep: 'Қолданба көрсеткен кодты енгізіңіз: осылайша қосылымды растайсыз.',
    submit: 'Растау және кіру',
  },
  session: {
    checking: 'Сеансты тексеріп жатырмыз…',
    idleTitle: 'Сеанс жақында аяқталады',
    idleText: 'Сіз бэк-офисте жұмыс істемедіңіз. Сеанс {{seconds}} секундтан кейін аяқталады.',
    absoluteTitle: 'Жұмыс сеансы аяқталып жатыр',
    absoluteText: 'Сеанс 10 сағаттан аспайды. {{seconds}} секундтан кейін қайта кіру қажет болады.',
    stay: 'Жұмысты жалғастыру',
    logout: 'Шығу',
  },
  shell: {
    logout: 'Шығу',
    menu: 'Мәзір',
  },
  nav: {
    home: 'Басты бет',
    staff: 'Қызметкерлер',
  },
  roles: {
    operator: 'Байланыс орталығының операторы',
    security_officer: 'Қауіпсіздік офицері',
    admin: 'Әкімші',
  },
  home: {
    title: 'Сәлеметсіз бе, {{name}}',
    lead: 'Сіз Kassa бэк-офисіне кірдіңіз.',
    you: 'Қызметкер',
    name: 'Аты',
    role: 'Рөлі',
    sessionEnds: 'Сеанстың ең кеш аяқталу уақыты',
    contactsTitle: 'Клиенттерге арналған банк байланыстары',
    contactsLead:
      'Клиентке тек осы нөмір мен мекенжайды айтыңыз. Банк карта деректерін, SMS-кодты немесе ПИН-ді сұрау үшін ешқашан қоңырау шалмайды және жазбайды.',
    contactCenter: 'Байланыс орталығы',
    securityEmail: 'Қауіпсіздік қызметі',
  },
  staff: {
    title: 'Қызметкерлер',
    lead: 'Бэк-офистің барлық қызметкерлері, олардың рөлдері және екінші фактордың қосылғаны.',
    username: 'Логин',
    language: 'Тілі',
    status_active: 'Белсенді',
    status_disabled: 'Өшірілген',
    totpEnrolled: 'Аутентификатор қосылған',
    totpPending: 'Алғашқы кіргенде қосады',
    createdAt: 'Құрылған',
    empty: 'Әзірге қызметкерлер жоқ.',
  },
  notFound: {
    title: 'Бет табылмады',
    text: 'Бэк-офисте мұндай бет жоқ.',
    home: 'Басты бетке',
  },
  ...kkCalls,
  ...kkCases,
  ...kkCaseAuthors,
  ...kkControl,
  ...kkIncidentReset,
  ...kkLimits,
  ...kkStaffAdmin,
  ...kkSecurityKeys,
  ...kkMerchants,
  ...kkProviders,
  ...kkChargeback,
};
