/** The back office's Russian texts of "reset password" from a security incident (features/incidents/IncidentActions.tsx). */
export const ruIncidentReset = {
  incidentReset: {
    action: 'Сбросить пароль',
    confirmTitle: 'Сбросить пароль клиента?',
    confirmText:
      'Текущий пароль клиента сразу перестанет действовать, все его сеансы завершатся. Клиент получит SMS: новый пароль он задаст сам на экране входа через «Забыли пароль?» — по коду из SMS и ИИН. Привязанные устройства (ПИН-код, отпечаток) останутся: если какое-то из них не клиента, отзовите его отдельно.',
    done: 'Пароль сброшен, завершено сеансов: {{count}}. Клиенту отправлено SMS, как задать новый.',
    timeline: 'пароль сброшен',
  },
};
