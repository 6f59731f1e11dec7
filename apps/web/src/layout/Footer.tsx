import { Link } from 'react-router-dom';
import { useMeta } from '../api/meta';
import { useTranslation } from '../i18n';
import { MailIcon, PhoneIcon, Spinner } from '../ui';

/** The bank's contacts (the memo: call or write at once on any compromise), from /api/v1/meta. */
export function Footer() {
  const { t } = useTranslation();
  const { state } = useMeta();
  return (
    <footer className="app-footer">
      <div className="container app-footer__grid">
        {state.status === 'ready' ? (
          <>
            <p>
              <span className="app-footer__label">{t('footer.contactCenter')}</span>
              <a className="app-footer__value" href={`tel:${state.meta.contactCenterPhone}`}>
                <PhoneIcon />
                {state.meta.contactCenterPhone}
              </a>
            </p>
            <p>
              <span className="app-footer__label">{t('footer.securityEmail')}</span>
              <a className="app-footer__value" href={`mailto:${state.meta.securityEmail}`}>
                <MailIcon />
                {state.meta.securityEmail}
              </a>
            </p>
          </>
        ) : state.status === 'loading' ? (
          <p>
            <Spinner size="small" />
          </p>
        ) : (
          <p>{t('footer.contactsUnavailable')}</p>
        )}
        <div className="stack">
          <p>
            <Link to="/security">{t('footer.securityLink')}</Link>
          </p>
          <p>
            <Link to="/block">{t('block.link')}</Link>
          </p>
          <p>
            <Link to="/is-kassa-calling">{t('nav.isKassaCalling')}</Link>
          </p>
          {/* The server says whether it has a dev inbox (a production build it serves is still development). */}
          {state.status === 'ready' && state.meta.devSmsInbox ? (
            <p>
              <Link to="/dev/sms">{t('nav.devSms')}</Link>
            </p>
          ) : null}
          <p className="app-footer__note">{t('footer.openSource')}</p>
        </div>
      </div>
    </footer>
  );
}
