import type { ruIncidentReset } from './ru.incidentReset';

/** The back office's Kazakh texts of "reset password" from a security incident (features/incidents/IncidentActions.tsx). */
export const kkIncidentReset: typeof ruIncidentReset = {
  incidentReset: {
    action: 'Құпиясөздің күшін жою',
    confirmTitle: 'Клиенттің құпиясөзінің күшін жою керек пе?',
    confirmText:
      'Клиенттің қазіргі құпиясөзі бірден жарамсыз болады, оның барлық сеансы аяқталады. Клиентке SMS келеді: жаңа құпиясөзді ол кіру экранында «Құпиясөзді ұмыттыңыз ба?» арқылы SMS коды мен ЖСН бойынша өзі орнатады. Байланыстырылған құрылғылар (PIN-код, саусақ ізі) қалады: олардың бірі клиенттікі болмаса, оны бөлек кері қайтарыңыз.',
    done: 'Құпиясөздің күші жойылды, аяқталған сеанстар: {{count}}. Клиентке жаңасын қалай орнату керегі туралы SMS жіберілді.',
    timeline: 'құпиясөздің күші жойылды',
  },
};
