import type { ApiFailure } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { SessionEndingDialog } from '../../ui';

interface IdleWarningDialogProps {
  /** When the session ends, in epoch milliseconds. */
  deadline: number;
  /** The 12-hour limit, which no activity extends. */
  absolute: boolean;
  onStay: () => Promise<ApiFailure | null>;
  onLogout: () => void;
}

/** The kit's warning before the idle timeout (RTS 4(3)(d), SECURITY.md item 14), in the customer's words. */
export function IdleWarningDialog({ deadline, absolute, onStay, onLogout }: IdleWarningDialogProps) {
  const { t } = useTranslation();
  const texts = {
    title: absolute ? t('session.absoluteTitle') : t('session.idleTitle'),
    text: (seconds: number) => (absolute ? t('session.absoluteText', { seconds }) : t('session.idleText', { seconds })),
    stay: t('session.stay'),
    logout: t('session.logout'),
  };
  return <SessionEndingDialog deadlineMs={deadline} absolute={absolute} texts={texts} onStay={onStay} onLogout={onLogout} />;
}
