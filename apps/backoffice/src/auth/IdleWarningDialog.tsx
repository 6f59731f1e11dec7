import { type ApiFailure, SessionEndingDialog } from '@kassa/ui';
import { useTranslation } from '../i18n';

interface IdleWarningDialogProps {
  deadlineMs: number;
  /** The 10-hour limit, which no activity extends. */
  absolute: boolean;
  onStay: () => Promise<ApiFailure | null>;
  onLogout: () => void;
}

/** The kit's warning before the staff session ends (PCI DSS 8.2.8: 15 minutes idle), in the staff member's words. */
export function IdleWarningDialog({ deadlineMs, absolute, onStay, onLogout }: IdleWarningDialogProps) {
  const { t } = useTranslation();
  const texts = {
    title: absolute ? t('session.absoluteTitle') : t('session.idleTitle'),
    text: (seconds: number) => (absolute ? t('session.absoluteText', { seconds }) : t('session.idleText', { seconds })),
    stay: t('session.stay'),
    logout: t('session.logout'),
  };
  return <SessionEndingDialog deadlineMs={deadlineMs} absolute={absolute} texts={texts} onStay={onStay} onLogout={onLogout} />;
}
