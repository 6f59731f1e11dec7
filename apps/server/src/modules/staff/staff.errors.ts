import { defineProblems } from '../../shared/problem.js';

/** The closed set of staff failures; the back office branches on the type. */
export const StaffProblem = defineProblems({
  // One answer for an unknown login, a wrong password and a disabled account (no user enumeration).
  'staff-login-failed': {
    status: 401,
    title: {
      ru: 'Неверный логин или пароль',
      kk: 'Логин немесе құпиясөз қате',
      en: 'Wrong login or password',
    },
  },
  'staff-code-invalid': {
    status: 401,
    title: {
      ru: 'Неверный или уже использованный код. Дождитесь нового кода в приложении-аутентификаторе',
      kk: 'Код қате немесе бұрын пайдаланылған. Аутентификатор қолданбасындағы жаңа кодты күтіңіз',
      en: 'Wrong or already used code. Wait for a new code in your authenticator app',
    },
  },
  // The step 1 of this login is unknown, finished or past its time: start again with the password.
  'staff-login-expired': {
    status: 401,
    title: {
      ru: 'Время входа истекло. Введите логин и пароль снова',
      kk: 'Кіру уақыты өтті. Логин мен құпиясөзді қайта енгізіңіз',
      en: 'The login has timed out. Enter your login and password again',
    },
  },
  // PCI DSS 8.3.4: at most 10 failures, then a lock of at least 30 minutes (or until an admin lifts it).
  'staff-locked': {
    status: 423,
    title: {
      ru: 'Слишком много неудачных попыток. Вход закрыт на {minutes} мин',
      kk: 'Сәтсіз әрекеттер тым көп. Кіру {minutes} минутқа жабылды',
      en: 'Too many failed attempts. Login is closed for {minutes} min',
    },
  },
  'staff-unauthenticated': {
    status: 401,
    title: {
      ru: 'Войдите в бэк-офис',
      kk: 'Бэк-офиске кіріңіз',
      en: 'Please log in to the back office',
    },
  },
  'staff-session-expired': {
    status: 401,
    title: {
      ru: 'Сеанс завершён. Войдите снова',
      kk: 'Сеанс аяқталды. Қайта кіріңіз',
      en: 'Your session has ended. Please log in again',
    },
  },
  'staff-csrf-failed': {
    status: 403,
    title: {
      ru: 'Запрос отклонён из соображений безопасности. Обновите страницу',
      kk: 'Сұрау қауіпсіздік үшін қабылданбады. Бетті жаңартыңыз',
      en: 'The request was refused for security reasons. Please reload the page',
    },
  },
  'staff-forbidden': {
    status: 403,
    title: {
      ru: 'Для вашей роли это действие недоступно',
      kk: 'Бұл әрекет сіздің рөліңізге қолжетімсіз',
      en: 'Your role does not allow this action',
    },
  },
  'staff-username-taken': {
    status: 409,
    title: {
      ru: 'Сотрудник с таким логином уже есть',
      kk: 'Мұндай логині бар қызметкер бар',
      en: 'A staff member with this login already exists',
    },
  },
  'staff-name-invalid': {
    status: 400,
    title: {
      ru: 'Укажите имя сотрудника буквами, без служебных символов',
      kk: 'Қызметкердің атын әріптермен, қызметтік таңбаларсыз жазыңыз',
      en: 'Enter the staff member’s name in letters, without control characters',
    },
  },
  // The initial password an admin typed is known to two people: until the member sets their own,
  // their session reaches only itself, logout and the password change (requireStaff).
  'staff-password-change-required': {
    status: 403,
    title: {
      ru: 'Сначала замените временный пароль на свой',
      kk: 'Алдымен уақытша құпиясөзді өзіңіздікіне ауыстырыңыз',
      en: 'First replace the temporary password with one of your own',
    },
  },
  // A wrong current password counts towards the lock of the username, as at login (SECURITY.md 36).
  'staff-current-password-wrong': {
    status: 422,
    title: { ru: 'Текущий пароль указан неверно', kk: 'Ағымдағы құпиясөз қате', en: 'The current password is wrong' },
  },
  'staff-password-unchanged': {
    status: 400,
    title: {
      ru: 'Новый пароль должен отличаться от текущего',
      kk: 'Жаңа құпиясөз ағымдағысынан өзгеше болуы керек',
      en: 'The new password must differ from the current one',
    },
  },
  // An admin does not disable, or enable, their own account: another admin does (and one always remains).
  'staff-own-account': {
    status: 409,
    title: {
      ru: 'Это действие со своей учётной записью выполняет другой администратор',
      kk: 'Өз есептік жазбаңызбен бұл әрекетті басқа әкімші орындайды',
      en: 'Another admin does this to your own account',
    },
  },
  // A security key's answer at login refused, whatever the reason (a spent or foreign challenge, another
  // staff member's key, a wrong origin or signature, a counter gone backwards): one answer, and each
  // counts towards the lock as a wrong code does.
  'staff-security-key-failed': {
    status: 401,
    title: {
      ru: 'Ключ безопасности не принят. Попробуйте ещё раз',
      kk: 'Қауіпсіздік кілті қабылданбады. Қайталап көріңіз',
      en: 'The security key was not accepted. Please try again',
    },
  },
  'staff-security-key-not-added': {
    status: 422,
    title: {
      ru: 'Не удалось добавить ключ безопасности. Попробуйте ещё раз',
      kk: 'Қауіпсіздік кілтін қосу мүмкін болмады. Қайталап көріңіз',
      en: 'The security key could not be added. Please try again',
    },
  },
  // SECURITY.md 7: staff always have a second factor; without TOTP, the last key stays.
  'staff-security-key-last-factor': {
    status: 409,
    title: {
      ru: 'Это ваш единственный второй фактор: сначала добавьте другой ключ',
      kk: 'Бұл — сіздің жалғыз екінші факторыңыз: алдымен басқа кілт қосыңыз',
      en: 'This is your only second factor: add another key first',
    },
  },
  'staff-security-key-limit': {
    status: 409,
    title: {
      ru: 'У вас уже {max} ключей безопасности. Удалите ненужный, чтобы добавить новый',
      kk: 'Сізде қазірдің өзінде {max} қауіпсіздік кілті бар. Жаңасын қосу үшін қажетсізін өшіріңіз',
      en: 'You already have {max} security keys. Remove one you no longer use to add a new one',
    },
  },
  'staff-security-key-name-invalid': {
    status: 400,
    title: {
      ru: 'Назовите ключ буквами или цифрами, без служебных символов',
      kk: 'Кілтке әріптермен немесе цифрлармен, қызметтік таңбаларсыз ат беріңіз',
      en: 'Name the key in letters or digits, without control characters',
    },
  },
});
