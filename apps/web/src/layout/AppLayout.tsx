import './layout.css';
import { type RefObject, useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../features/auth/session';
import { useTranslation } from '../i18n';
import { Footer } from './Footer';
import { CUSTOMER_SECTIONS, CUSTOMER_TABS, VISITOR_TABS } from './navigation';
import { SideNav } from './SideNav';
import { TabBar } from './TabBar';
import { TopBar } from './TopBar';

const MAIN_ID = 'main-content';

/** Moves focus to <main> after client-side navigation, so keyboard and screen-reader users
 * start reading the new page instead of staying on the link they pressed. */
function useFocusMainOnNavigation(mainRef: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const previousPathname = useRef(pathname);
  useEffect(() => {
    if (previousPathname.current === pathname) return;
    previousPathname.current = pathname;
    mainRef.current?.focus();
  }, [pathname, mainRef]);
}

/**
 * The shell. A phone (below 48rem) gets one compact top bar and a bottom tab bar; wider screens
 * get the top bar with the language switch and, for a customer, the sections in a column beside
 * the content. Which tabs show waits for the session check, so a customer never sees a visitor's.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const { state } = useSession();
  const mainRef = useRef<HTMLElement>(null);
  useFocusMainOnNavigation(mainRef);
  const signedIn = state.status === 'authenticated';
  const tabs = signedIn ? CUSTOMER_TABS : state.status === 'anonymous' ? VISITOR_TABS : null;
  return (
    <div className={tabs ? 'app app--tabs' : 'app'}>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('a11y.skipToContent')}
      </a>
      <TopBar />
      <div className={signedIn ? 'container shell shell--sections' : 'container shell'}>
        {signedIn ? <SideNav sections={CUSTOMER_SECTIONS} /> : null}
        <main id={MAIN_ID} ref={mainRef} className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <Footer />
      {tabs ? <TabBar tabs={tabs} /> : null}
    </div>
  );
}
