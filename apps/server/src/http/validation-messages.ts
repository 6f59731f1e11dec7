import type { FastifyError } from 'fastify';
import type { Localized } from '../shared/i18n.js';

type ValidationItem = NonNullable<FastifyError['validation']>[number];

/**
 * The schema validator's findings in words a customer reads, in ru, kk and en: never Ajv's
 * English ("must match pattern "^op_…$"") and never a pattern (issue 12). Keyed by the failed
 * keyword; anything else says only that the value is not accepted.
 */
export function validationMessage(item: ValidationItem): Localized {
  const params = (item.params ?? {}) as { limit?: number; additionalProperty?: string };
  const limit = String(params.limit ?? '');
  switch (item.keyword) {
    case 'required':
      return { ru: 'Заполните это поле', kk: 'Бұл өрісті толтырыңыз', en: 'Please fill in this field' };
    case 'additionalProperties': {
      const name = params.additionalProperty ?? '';
      return { ru: `Неизвестное поле «${name}»`, kk: `Белгісіз өріс «${name}»`, en: `Unknown field "${name}"` };
    }
    case 'type':
      return { ru: 'Значение не того вида', kk: 'Мәннің түрі дұрыс емес', en: 'The value is of the wrong kind' };
    case 'minLength':
      return { ru: `Не короче ${limit} символов`, kk: `Кемінде ${limit} таңба`, en: `At least ${limit} characters` };
    case 'maxLength':
      return { ru: `Не длиннее ${limit} символов`, kk: `Ең көбі ${limit} таңба`, en: `At most ${limit} characters` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { ru: 'Слишком маленькое значение', kk: 'Мән тым аз', en: 'The value is too small' };
    case 'maximum':
    case 'exclusiveMaximum':
      return { ru: 'Слишком большое значение', kk: 'Мән тым үлкен', en: 'The value is too large' };
    case 'minItems':
      return { ru: `Не меньше ${limit}`, kk: `Кемінде ${limit}`, en: `At least ${limit}` };
    case 'maxItems':
      return { ru: `Не больше ${limit}`, kk: `Ең көбі ${limit}`, en: `At most ${limit}` };
    case 'pattern':
    case 'format':
      return { ru: 'Неверный формат', kk: 'Пішімі дұрыс емес', en: 'The format is not valid' };
    default:
      // enum, const, anyOf of literals and the rest: a value outside the accepted ones.
      return { ru: 'Такое значение не принимается', kk: 'Мұндай мән қабылданбайды', en: 'This value is not accepted' };
  }
}
