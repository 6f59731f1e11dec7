import { ruCalls } from './ru.calls';
import { ruCaseAuthors } from './ru.caseAuthors';
import { ruCases } from './ru.cases';
import { ruChargeback } from './ru.chargeback';
import { ruControl } from './ru.control';
import { ruIncidentReset } from './ru.incidentReset';
import { ruLimits } from './ru.limits';
import { ruMerchants } from './ru.merchants';
import { ruProviders } from './ru.providers';
import { ruSecurityKeys } from './ru.securityKeys';
import { ruStaffAdmin } from './ru.staffAdmin';
/**
 * The back office's Russian texts: the source of the key set (kk.ts and en.ts are typed against
 * it). The kit's own keys (common, a11y.steps, password, errors) are here as in every app's
 * catalogue (@kassa/ui KitCatalog).
 */
export const ru = {
  app: {
    name: 'Kassa',
    product: 'Бэк-офис',
    titleTemplate: '{{page}} · Kassa бэк-офис',
  },
  a11y: {
    skipToContent: 'Перейти к содержимому',
    mainNav: 'Разделы бэк-офиса',
    language: 'Язык интерфейса',
    homeLink: 'Kassa бэк-офис — главная',
    steps: 'Шаг {{current}} из {{total}}',
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
    loading: 'Загрузка…',
    retry: 'Повторить',
    copy: 'Копировать',
    copied: 'Скопировано',
    copyFailed: 'Не удалось скопировать. Выделите текст и скопируйте вручную.',
  },
  errors: {
    title: 'Запрос не выполнен',
    network: 'Нет связи с сервером. Проверьте подключение и повторите.',
    unexpected: 'Непредвиденная ошибка (код {{status}}). Повторите позже.',
    requestId: 'Номер запроса: {{requestId}}',
    supportDetails: 'Подробности для поддержки',
    fieldErrors: 'Проверьте поля:',
  },
  password: {
    rule: 'Не меньше {{min}} и не больше {{max}} символов.',
    count: 'Сейчас: {{length}}',
    show: 'Показать',
    hide: 'Скрыть',
  },
  login: {
    title: 'Вход для сотрудников',
    lead: 'Только для сотрудников банка. Каждое действие в бэк-офисе записывается в журнал аудита.',
    username: 'Логин',
    usernameRequired: 'Введите логин.',
    password: 'Пароль',
    passwordRequired: 'Введите пароль.',
    submit: 'Продолжить',
    lockedHint: 'Если вход нужен раньше, обратитесь к администратору бэк-офиса.',
    notice_loggedOut: 'Вы вышли из бэк-офиса.',
    notice_idle: 'Сеанс завершён: вы долго не работали в бэк-офисе.',
    notice_expired: 'Сеанс завершён. Войдите снова.',
  },
  totp: {
    title: 'Код из приложения',
    lead: 'Откройте приложение-аутентификатор и введите 6-значный код для Kassa бэк-офиса.',
    label: 'Код',
    hint: 'Шесть цифр; можно вставить с пробелами.',
    invalid: 'Введите шесть цифр кода.',
    submit: 'Войти',
    startOver: 'Ввести логин и пароль снова',
  },
  enroll: {
    title: 'Подключите приложение-аутентификатор',
    lead: 'Это ваш первый вход. Второй фактор обязателен: без него войти в бэк-офис нельзя.',
    scan: 'Отсканируйте QR-код приложением-аутентификатором (например, Google Authenticator, Microsoft Authenticator или FreeOTP).',
    qrAlt: 'QR-код для приложения-аутентификатора',
    manual: 'Не получается отсканировать? Добавьте ключ вручную (тип: по времени, 6 цифр, 30 секунд):',
    secret: 'Ключ',
    secretCopy: 'Копировать ключ',
    warningTitle: 'Этот QR-код и ключ — только для вас',
    warningText: 'Не фотографируйте и не пересылайте их. Они показываются один раз; банк никогда их у вас не спросит.',
    codeStep: 'Введите код, который показало приложение: так вы подтвердите подключение.',
    submit: 'Подтвердить и войти',
  },
  session: {
    checking: 'Проверяем сеанс…',
    idleTitle: 'Сеанс скоро завершится',
    idleText: 'Вы не работали в бэк-офисе. Через {{seconds}} с сеанс завершится.',
    absoluteTitle: 'Рабочий сеанс заканчивается',
    absoluteText: 'Сеанс длится не дольше 10 часов. Через {{seconds}} с потребуется войти снова.',
    stay: 'Продолжить работу',
    logout: 'Выйти',
  },
  shell: {
    logout: 'Выйти',
    menu: 'Меню',
  },
  nav: {
    home: 'Главная',
    staff: 'Сотрудники',
  },
  roles: {
    operator: 'Оператор контакт-центра',
    security_officer: 'Офицер безопасности',
    admin: 'Администратор',
  },
  home: {
    title: 'Здравствуйте, {{name}}',
    lead: 'Вы вошли в бэк-офис Kassa.',
    you: 'Сотрудник',
    name: 'Имя',
    role: 'Роль',
    sessionEnds: 'Сеанс завершится не позже',
    contactsTitle: 'Контакты банка для клиентов',
    contactsLead:
      'Называйте клиенту только эти номер и адрес. Банк никогда не звонит и не пишет, чтобы узнать данные карты, код из SMS или ПИН.',
    contactCenter: 'Контакт-центр',
    securityEmail: 'Служба безопасности',
  },
  staff: {
    title: 'Сотрудники',
    lead: 'Все сотрудники бэк-офиса, их роли и подключён ли второй фактор.',
    username: 'Логин',
    language: 'Язык',
    status_active: 'Активен',
    status_disabled: 'Отключён',
    totpEnrolled: 'Аутентификатор подключён',
    totpPending: 'Подключит при первом входе',
    createdAt: 'Создан',
    empty: 'Сотрудников пока нет.',
  },
  notFound: {
    title: 'Страница не найдена',
    text: 'Такой страницы в бэк-офисе нет.',
    home: 'На главную',
  },
  ...ruCalls,
  ...ruCases,
  ...ruCaseAuthors,
  ...ruControl,
  ...ruIncidentReset,
  ...ruLimits,
  ...ruStaffAdmin,
  ...ruSecurityKeys,
  ...ruMerchants,
  ...ruProviders,
  ...ruChargeback,
};

/** What every language's catalogue must have: the Russian keys, each a string. */
export type Translation = typeof ru;
