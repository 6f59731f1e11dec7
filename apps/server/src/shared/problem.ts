import type { Language, Localized } from './i18n.js';
import { format } from './i18n.js';

/**
 * RFC 9457 problem details. Each problem has a stable `type` URI (clients branch on it), an HTTP
 * status, and a title in ru/kk/en. Modules register their own problems in the same registry so
 * the set of failures stays closed and every one is translated.
 */
export interface ProblemDefinition {
  status: number;
  title: Localized;
}

export const PROBLEM_BASE = 'https://mykassa.kz/problems/';

const registry = new Map<string, ProblemDefinition>();

export function defineProblems<const T extends Record<string, ProblemDefinition>>(problems: T): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, definition] of Object.entries(problems)) {
    if (registry.has(code)) throw new Error(`Problem ${code} is defined twice`);
    registry.set(code, definition);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export function problemDefinition(code: string): ProblemDefinition {
  const definition = registry.get(code);
  if (!definition) throw new Error(`Problem ${code} is not defined`);
  return definition;
}

export function registeredProblems(): ReadonlyMap<string, ProblemDefinition> {
  return registry;
}

/**
 * A field's message: in the caller's language (the validator's and the modules' messages), or
 * as plain text where no customer reads it (a developer's integration mistake).
 */
export interface FieldError {
  pointer: string;
  detail: string | Localized;
}

/** A field's message as it goes out: in the caller's language. */
export interface RenderedFieldError {
  pointer: string;
  detail: string;
}

/** A business failure or a client error on its way to the response, as a value. */
export class ProblemError extends Error {
  constructor(
    readonly code: string,
    readonly options: {
      detail?: Localized;
      values?: Record<string, string | number>;
      errors?: FieldError[];
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(code);
    this.name = 'ProblemError';
    problemDefinition(code);
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId: string;
  errors?: RenderedFieldError[];
  [extension: string]: unknown;
}

export function renderProblem(error: ProblemError, language: Language, context: { requestId: string; instance: string }): ProblemBody {
  const definition = problemDefinition(error.code);
  const values = error.options.values ?? {};
  const body: ProblemBody = {
    ...error.options.extensions,
    type: PROBLEM_BASE + error.code,
    title: format(definition.title[language], values),
    status: definition.status,
    instance: context.instance,
    requestId: context.requestId,
  };
  if (error.options.detail) body.detail = format(error.options.detail[language], values);
  if (error.options.errors?.length) {
    body.errors = error.options.errors.map((field) => ({
      pointer: field.pointer,
      detail: typeof field.detail === 'string' ? field.detail : format(field.detail[language], values),
    }));
  }
  return body;
}

export const CommonProblem = defineProblems({
  'validation-failed': {
    status: 400,
    title: {
      ru: 'Проверьте введённые данные',
      kk: 'Енгізілген деректерді тексеріңіз',
      en: 'Please check the data you entered',
    },
  },
  'malformed-request': {
    status: 400,
    title: { ru: 'Запрос не удалось прочитать', kk: 'Сұрауды оқу мүмкін болмады', en: 'The request could not be read' },
  },
  unauthenticated: {
    status: 401,
    title: { ru: 'Войдите в интернет-банк', kk: 'Интернет-банкке кіріңіз', en: 'Please log in' },
  },
  forbidden: {
    status: 403,
    title: { ru: 'Действие запрещено', kk: 'Әрекетке тыйым салынған', en: 'This action is not allowed' },
  },
  'not-found': {
    status: 404,
    title: { ru: 'Не найдено', kk: 'Табылмады', en: 'Not found' },
  },
  'method-not-allowed': {
    status: 405,
    title: {
      ru: 'Этот метод не поддерживается для адреса',
      kk: 'Бұл әдіс осы мекенжай үшін қолданылмайды',
      en: 'This method is not allowed for this address',
    },
  },
  conflict: {
    status: 409,
    title: { ru: 'Конфликт с текущим состоянием', kk: 'Ағымдағы күймен қайшылық', en: 'Conflict with the current state' },
  },
  'payload-too-large': {
    status: 413,
    title: { ru: 'Слишком большой запрос', kk: 'Сұрау тым үлкен', en: 'The request is too large' },
  },
  'unsupported-media-type': {
    status: 415,
    title: {
      ru: 'Неподдерживаемый тип содержимого: отправьте application/json',
      kk: 'Қолдау көрсетілмейтін мазмұн түрі: application/json жіберіңіз',
      en: 'Unsupported content type: send application/json',
    },
  },
  'unprocessable-content': {
    status: 422,
    title: { ru: 'Запрос нельзя выполнить', kk: 'Сұрауды орындау мүмкін емес', en: 'The request cannot be processed' },
  },
  'too-many-requests': {
    status: 429,
    title: {
      ru: 'Слишком много попыток, попробуйте позже',
      kk: 'Әрекеттер тым көп, кейінірек қайталаңыз',
      en: 'Too many attempts, please try again later',
    },
  },
  'internal-error': {
    status: 500,
    title: {
      ru: 'Внутренняя ошибка. Мы уже разбираемся',
      kk: 'Ішкі қате. Біз оны қарап жатырмыз',
      en: 'Internal error. We are looking into it',
    },
  },
  'service-unavailable': {
    status: 503,
    title: { ru: 'Сервис временно недоступен', kk: 'Қызмет уақытша қолжетімсіз', en: 'The service is temporarily unavailable' },
  },
  'request-timeout': {
    status: 408,
    title: { ru: 'Запрос выполнялся слишком долго', kk: 'Сұрау тым ұзақ орындалды', en: 'The request took too long' },
  },
});
