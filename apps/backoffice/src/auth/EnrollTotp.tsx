import { Alert, CopyButton } from '@kassa/ui';
import { useTranslation } from '../i18n';
import { secretForTyping } from './code';

/** The QR code's size on screen, in CSS pixels: large enough for a phone camera at arm's length. */
const QR_SIZE_PX = 200;

/**
 * The first login's enrolment: the QR code of the new secret (an SVG the server drew), and the
 * same secret as text to type. The SVG is shown through an <img> from a data: URL, where it can
 * run nothing (the back office's CSP allows data: images only).
 */
export function EnrollTotp({ otpauthUri, qrSvg }: { otpauthUri: string; qrSvg: string }) {
  const { t } = useTranslation();
  const secret = secretForTyping(otpauthUri);
  return (
    <div className="stack">
      <p>{t('enroll.lead')}</p>
      <Alert tone="warning" live={false} title={t('enroll.warningTitle')}>
        <p>{t('enroll.warningText')}</p>
      </Alert>
      <ol className="enroll-steps">
        <li>
          <div className="stack">
            <p>{t('enroll.scan')}</p>
            <img
              className="enroll-qr"
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`}
              alt={t('enroll.qrAlt')}
              width={QR_SIZE_PX}
              height={QR_SIZE_PX}
            />
            {secret ? (
              <div className="stack enroll-secret">
                <p className="muted small">{t('enroll.manual')}</p>
                <p className="enroll-secret__row">
                  <span className="visually-hidden">{t('enroll.secret')}: </span>
                  <code className="mono enroll-secret__value">{secret}</code>
                  <CopyButton value={secret.replace(/\s/g, '')} label={t('enroll.secretCopy')} />
                </p>
              </div>
            ) : null}
          </div>
        </li>
        <li>
          <p>{t('enroll.codeStep')}</p>
        </li>
      </ol>
    </div>
  );
}
