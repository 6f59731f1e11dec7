import './legal.css';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Language } from '../../api/enums';
import { useLocale, useTranslation } from '../../i18n';
import { NotFoundPage } from '../../layout/NotFoundPage';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { Alert, Card, LoadingState, PageHeader } from '../../ui';
import { LEGAL_DOCUMENTS, LEGAL_TITLE_KEY, LEGAL_VERSION_DAY, type LegalDocumentId, type LegalTexts } from './texts/types';

/** Each language's texts are a chunk of their own: a reader downloads one language, not three. */
function loadTexts(language: Language): Promise<LegalTexts> {
  if (language === 'kk') return import('./texts/kk').then((module) => module.kk);
  if (language === 'en') return import('./texts/en').then((module) => module.en);
  return import('./texts/ru').then((module) => module.ru);
}

// Noon in Almaty: the same calendar day in every time zone a customer may be in.
const LEGAL_VERSION_INSTANT = `${LEGAL_VERSION_DAY}T12:00:00+05:00`;

function isLegalDocument(value: string | undefined): value is LegalDocumentId {
  return (LEGAL_DOCUMENTS as readonly (string | undefined)[]).includes(value);
}

function LegalDocument({ id }: { id: LegalDocumentId }) {
  const { t } = useTranslation();
  const { language, locale } = useLocale();
  const [texts, setTexts] = useState<{ language: Language; texts: LegalTexts } | null>(null);
  usePageTitle(t(LEGAL_TITLE_KEY[id]));

  useEffect(() => {
    let current = true;
    void loadTexts(language).then((loaded) => {
      if (current) setTexts({ language, texts: loaded });
    });
    return () => {
      current = false;
    };
  }, [language]);

  const others = LEGAL_DOCUMENTS.filter((other) => other !== id);
  return (
    <article className="page page--narrow legal">
      <PageHeader
        title={t(LEGAL_TITLE_KEY[id])}
        lead={t('legal.version', { date: formatDateTime(LEGAL_VERSION_INSTANT, locale, 'date') ?? '' })}
      />
      <Alert tone="info" live={false}>
        {t('legal.demo')}
      </Alert>
      {texts === null || texts.language !== language ? (
        <LoadingState />
      ) : (
        <Card>
          {texts.texts[id].map((section) => (
            <section key={section.heading} className="legal__section">
              <h2 className="legal__heading">{section.heading}</h2>
              {section.paragraphs.map((paragraph) => (
                <p key={paragraph}>{paragraph}</p>
              ))}
            </section>
          ))}
        </Card>
      )}
      <nav aria-label={t('legal.others')}>
        <h2 className="section-title">{t('legal.others')}</h2>
        <ul className="legal__others">
          {others.map((other) => (
            <li key={other}>
              <Link to={`/legal/${other}`}>{t(LEGAL_TITLE_KEY[other])}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </article>
  );
}

/** /legal/emoney, /legal/banking, /legal/personal-data: the texts registration asks to accept. */
export function LegalPage() {
  const { document } = useParams();
  if (!isLegalDocument(document)) return <NotFoundPage />;
  return <LegalDocument id={document} />;
}
