import { defineProblems } from '../../shared/problem.js';

export const AuthProblem = defineProblems({
  // RTS 4(3)(a): one message for every failed factor, and for a temporary lock.
  'login-failed': {
    status: 401,
    title: {
      ru: 'Неверный логин, пароль или код, либо вход временно ограничен',
      kk: 'Логин, құпиясөз немесе код қате, не кіру уақытша шектелген',
      en: 'Wrong login, password or code, or login is temporarily restricted',
    },
  },
  'session-expired': {
    status: 401,
    title: {
      ru: 'Сеанс завершён. Войдите снова',
      kk: 'Сеанс аяқталды. Қайта кіріңіз',
      en: 'Your session has ended. Please log in again',
    },
  },
  'csrf-failed': {
    status: 403,
    title: {
      ru: 'Запрос отклонён из соображений безопасности. Обновите страницу',
      kk: 'Сұрау қауіпсіздік үшін қабылданбады. Бетті жаңартыңыз',
      en: 'The request was refused for security reasons. Please reload the page',
    },
  },
  'password-too-short': {
    status: 400,
    title: {
      ru: 'Пароль должен быть не короче 12 символов',
      kk: 'Құпиясөз кемінде 12 таңбадан тұруы керек',
      en: 'The password must be at least 12 characters long',
    },
  },
  'password-too-long': {
    status: 400,
    title: { ru: 'Пароль длиннее 128 символов', kk: 'Құпиясөз 128 таңбадан ұзын', en: 'The password is longer than 128 characters' },
  },
  'password-common': {
    status: 400,
    title: {
      ru: 'Этот пароль слишком распространён или был в утечках. Придумайте другой',
      kk: 'Бұл құпиясөз тым кең таралған немесе деректер ағып кетуінде болған. Басқасын ойлап табыңыз',
      en: 'This password is too common or has appeared in breaches. Please choose another',
    },
  },
  'current-password-wrong': {
    status: 422,
    title: { ru: 'Текущий пароль указан неверно', kk: 'Ағымдағы құпиясөз қате', en: 'The current password is wrong' },
  },
  // SECURITY.md 36: the current password in "change password" counts towards the login lock, and
  // while the lock holds even the right one is refused (or the lock would be an oracle).
  'password-change-locked': {
    status: 429,
    title: {
      ru: 'Пароль введён неверно слишком много раз. Вход и смена пароля временно закрыты — восстановите пароль по коду из SMS',
      kk: 'Құпиясөз тым көп рет қате енгізілді. Құпиясөзбен кіру және оны ауыстыру уақытша жабық — құпиясөзді SMS коды арқылы қалпына келтіріңіз',
      en: 'The password was entered wrongly too many times. Password login and changes are closed for now — reset the password with an SMS code',
    },
  },
  // SECURITY.md 37: the bounded Argon2 pool is full; the client may retry after Retry-After.
  'password-check-busy': {
    status: 503,
    title: {
      ru: 'Сейчас слишком много запросов. Повторите через несколько секунд',
      kk: 'Қазір сұраулар тым көп. Бірнеше секундтан кейін қайталаңыз',
      en: 'Too many requests right now. Please try again in a few seconds',
    },
  },
  'device-login-failed': {
    status: 401,
    title: {
      ru: 'Неверный ПИН-код или устройство не привязано',
      kk: 'PIN-код қате немесе құрылғы байланыстырылмаған',
      en: 'Wrong PIN or the device is not bound',
    },
  },
  'device-approval-unavailable': {
    status: 409,
    title: {
      ru: 'Подтвердить в приложении можно только на своём устройстве, войдя по ПИН-коду',
      kk: 'Қосымшада тек өз құрылғыңызда, PIN-код арқылы кіріп растауға болады',
      en: 'Approving in the app works only on your own device, signed in with your PIN',
    },
  },
  'device-revoked': {
    status: 401,
    title: {
      ru: 'Устройство отвязано. Войдите по паролю и коду из SMS',
      kk: 'Құрылғы ажыратылды. Құпиясөз және SMS коды арқылы кіріңіз',
      en: 'This device was unbound. Please log in with your password and SMS code',
    },
  },
  'webauthn-failed': {
    status: 401,
    title: {
      ru: 'Не удалось подтвердить вход по биометрии',
      kk: 'Биометрия арқылы кіруді растау мүмкін болмады',
      en: 'Biometric login could not be verified',
    },
  },
  'full-login-required': {
    status: 403,
    title: {
      ru: 'Для этого действия войдите по паролю и коду из SMS',
      kk: 'Бұл әрекет үшін құпиясөз және SMS коды арқылы кіріңіз',
      en: 'Please log in with your password and SMS code for this action',
    },
  },
});

export type AuthProblemCode = keyof typeof AuthProblem;
