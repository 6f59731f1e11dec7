import { defineProblems } from '../../../shared/problem.js';

/** The closed set of refusals of the merchant's dispute API (problem+json), in ru/kk/en. */
export const ChargebackProblem = defineProblems({
  // Unknown, another merchant's, or asked with a test key (chargebacks are live only): one answer for all.
  'chargeback-not-found': {
    status: 404,
    title: { ru: 'Спор не найден', kk: 'Дау табылмады', en: 'Dispute not found' },
  },
  'chargeback-closed': {
    status: 409,
    title: {
      ru: 'Спор закрыт ({status}): ответ больше не принимается',
      kk: 'Дау жабылған ({status}): жауап енді қабылданбайды',
      en: 'The dispute is closed ({status}): it takes no more answers',
    },
  },
  'chargeback-response-late': {
    status: 409,
    title: {
      ru: 'Срок ответа по спору истёк {respondBy}: банк решит по имеющимся данным',
      kk: 'Дау бойынша жауап мерзімі {respondBy} өтті: банк бар деректер бойынша шешеді',
      en: 'The time to answer the dispute ended at {respondBy}: the bank decides on what it has',
    },
  },
  'chargeback-evidence-required': {
    status: 422,
    title: {
      ru: 'Опишите доказательства: что, когда и кому доставлено, как покупатель подтвердил заказ',
      kk: 'Дәлелдерді сипаттаңыз: не, қашан және кімге жеткізілді, сатып алушы тапсырысты қалай растады',
      en: 'Describe the evidence: what was delivered, when and to whom, how the buyer confirmed the order',
    },
  },
});
