import type { Language } from '../../shared/i18n.js';

/**
 * The staff's texts of the emergency block, in the staff member's language. The answer to a block
 * on weaker identification (issue 13 item 4 (b)) is the same whether the caller's answers matched
 * or not: the operator tells the caller this sentence, and learns nothing to test a customer with.
 */
const WEAK_BLOCK_ANSWER: Readonly<Record<Language, string>> = {
  ru: 'Если данные совпали, доступ клиента заблокирован. Скажите клиенту: все сеансы завершены, переводы остановлены; для разблокировки нужна проверка личности.',
  kk: 'Егер деректер сәйкес келсе, клиенттің қолжетімділігі бұғатталды. Клиентке айтыңыз: барлық сеанстар аяқталды, аударымдар тоқтатылды; бұғаттан шығару үшін жеке басын тексеру қажет.',
  en: 'If the details matched, the customer’s access is blocked. Tell the customer: every session has ended and transfers are stopped; unblocking needs an identity check.',
};

export function weakBlockAnswer(language: Language): string {
  return WEAK_BLOCK_ANSWER[language];
}
