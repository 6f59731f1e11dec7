import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { MetaProvider } from './api/meta';
import { RequireAuth, SessionProvider } from './features/auth/session';
import { HomePage } from './features/home/HomePage';
import { UnreadNotificationsProvider } from './features/notifications/unread';
import { AppLayout } from './layout/AppLayout';
import { LoadingState } from './ui';

// Every page but the first screen is a chunk of its own, loaded when it is first opened: a
// visitor's first screen carries only what it shows (issue 12: under 120 KB of JS gzipped).
const ApprovalPage = lazy(() => import('./features/approvals/ApprovalPage').then((module) => ({ default: module.ApprovalPage })));
const BlockPage = lazy(() => import('./features/block/BlockPage').then((module) => ({ default: module.BlockPage })));
const DevSmsPage = lazy(() => import('./features/dev/DevSmsPage').then((module) => ({ default: module.DevSmsPage })));
const HistoryPage = lazy(() => import('./features/history/HistoryPage').then((module) => ({ default: module.HistoryPage })));
const LoginPage = lazy(() => import('./features/auth/LoginPage').then((module) => ({ default: module.LoginPage })));
const NotFoundPage = lazy(() => import('./layout/NotFoundPage').then((module) => ({ default: module.NotFoundPage })));
const NotificationSettingsPage = lazy(() =>
  import('./features/notifications/NotificationSettingsPage').then((module) => ({ default: module.NotificationSettingsPage })),
);
const NotificationsPage = lazy(() =>
  import('./features/notifications/NotificationsPage').then((module) => ({ default: module.NotificationsPage })),
);
const OperationPage = lazy(() => import('./features/history/OperationPage').then((module) => ({ default: module.OperationPage })));
const PasswordResetPage = lazy(() => import('./features/auth/PasswordResetPage').then((module) => ({ default: module.PasswordResetPage })));
const RegisterPage = lazy(() => import('./features/auth/RegisterPage').then((module) => ({ default: module.RegisterPage })));
const SecurityPage = lazy(() => import('./features/security/SecurityPage').then((module) => ({ default: module.SecurityPage })));
const IsKassaCallingPage = lazy(() =>
  import('./features/calls/IsKassaCallingPage').then((module) => ({ default: module.IsKassaCallingPage })),
);
const SettingsPage = lazy(() => import('./features/settings/SettingsPage').then((module) => ({ default: module.SettingsPage })));
const StatementPage = lazy(() => import('./features/accounts/StatementPage').then((module) => ({ default: module.StatementPage })));
const TransfersPage = lazy(() => import('./features/transfers/TransfersPage').then((module) => ({ default: module.TransfersPage })));
const LegalPage = lazy(() => import('./features/legal/LegalPage').then((module) => ({ default: module.LegalPage })));
const MorePage = lazy(() => import('./layout/MorePage').then((module) => ({ default: module.MorePage })));
const ProfilePage = lazy(() => import('./features/profile/ProfilePage').then((module) => ({ default: module.ProfilePage })));
const PhoneChangePage = lazy(() =>
  import('./features/phone-change/PhoneChangePage').then((module) => ({ default: module.PhoneChangePage })),
);
const SupportPages = () => import('./features/support/pages');
const DisputePage = lazy(() => SupportPages().then((module) => ({ default: module.DisputePage })));
const MyRequestsPage = lazy(() => SupportPages().then((module) => ({ default: module.MyRequestsPage })));
const ReportProblemPage = lazy(() => SupportPages().then((module) => ({ default: module.ReportProblemPage })));
// The hosted checkout (issue 15 item 3): a public page for any buyer, outside the bank's shell.
const CheckoutPage = lazy(() => import('./features/checkout/CheckoutPage').then((module) => ({ default: module.CheckoutPage })));
const CardPages = () => import('./features/cards/pages');
const CardPage = lazy(() => CardPages().then((module) => ({ default: module.CardPage })));
const CardsPage = lazy(() => CardPages().then((module) => ({ default: module.CardsPage })));
const IssueCardPage = lazy(() => CardPages().then((module) => ({ default: module.IssueCardPage })));
const PaymentPages = () => import('./features/payments/pages');
const CataloguePage = lazy(() => PaymentPages().then((module) => ({ default: module.CataloguePage })));
const ProviderPage = lazy(() => PaymentPages().then((module) => ({ default: module.ProviderPage })));
const SchedulePage = lazy(() => PaymentPages().then((module) => ({ default: module.SchedulePage })));
const SchedulesPage = lazy(() => PaymentPages().then((module) => ({ default: module.SchedulesPage })));
// Guests pay a provider by card without an agreement (issue 16 item 5): public pages in the bank's shell.
const GuestPages = () => import('./features/guest-pay/pages');
const GuestCataloguePage = lazy(() => GuestPages().then((module) => ({ default: module.GuestCataloguePage })));
const GuestDonePage = lazy(() => GuestPages().then((module) => ({ default: module.GuestDonePage })));
const GuestProviderPage = lazy(() => GuestPages().then((module) => ({ default: module.GuestProviderPage })));
const TopUpPage = lazy(() => import('./features/home/TopUpPage').then((module) => ({ default: module.TopUpPage })));
const TrustedPayeesPage = lazy(() =>
  import('./features/transfers/TrustedPayeesPage').then((module) => ({ default: module.TrustedPayeesPage })),
);

/** Pages that need a live session. */
const PROTECTED = [
  { path: 'settings', element: <SettingsPage /> },
  { path: 'transfers', element: <TransfersPage /> },
  { path: 'transfers/:kind', element: <TransfersPage /> },
  { path: 'payments', element: <CataloguePage /> },
  { path: 'payments/schedules', element: <SchedulesPage /> },
  { path: 'payments/:providerId', element: <ProviderPage /> },
  { path: 'payments/:providerId/schedule', element: <SchedulePage /> },
  { path: 'history', element: <HistoryPage /> },
  { path: 'operations/:id', element: <OperationPage /> },
  { path: 'statements', element: <StatementPage /> },
  { path: 'notifications', element: <NotificationsPage /> },
  { path: 'notifications/settings', element: <NotificationSettingsPage /> },
  { path: 'payees', element: <TrustedPayeesPage /> },
  { path: 'more', element: <MorePage /> },
  { path: 'profile', element: <ProfilePage /> },
  { path: 'profile/phone', element: <PhoneChangePage /> },
  { path: 'top-up', element: <TopUpPage /> },
  { path: 'cards', element: <CardsPage /> },
  { path: 'cards/new', element: <IssueCardPage /> },
  { path: 'cards/:cardId', element: <CardPage /> },
  { path: 'support', element: <MyRequestsPage /> },
  { path: 'support/report', element: <ReportProblemPage /> },
  { path: 'support/disputes/:id', element: <DisputePage /> },
  { path: 'approvals/:acsTransID', element: <ApprovalPage /> },
] as const;

export function App() {
  return (
    <MetaProvider>
      <BrowserRouter>
        <SessionProvider>
          <UnreadNotificationsProvider>
            <Suspense fallback={<LoadingState />}>
              <Routes>
                <Route path="checkout/:paymentId" element={<CheckoutPage />} />
                <Route element={<AppLayout />}>
                  <Route index element={<HomePage />} />
                  <Route path="security" element={<SecurityPage />} />
                  <Route path="is-kassa-calling" element={<IsKassaCallingPage />} />
                  {PROTECTED.map(({ path, element }) => (
                    <Route key={path} path={path} element={<RequireAuth>{element}</RequireAuth>} />
                  ))}
                  <Route path="login" element={<LoginPage />} />
                  <Route path="login/reset" element={<PasswordResetPage />} />
                  <Route path="block" element={<BlockPage />} />
                  <Route path="register" element={<RegisterPage />} />
                  <Route path="pay" element={<GuestCataloguePage />} />
                  <Route path="pay/done/:guestPaymentId" element={<GuestDonePage />} />
                  <Route path="pay/:providerId" element={<GuestProviderPage />} />
                  <Route path="legal/:document" element={<LegalPage />} />
                  <Route path="dev/sms" element={<DevSmsPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </UnreadNotificationsProvider>
        </SessionProvider>
      </BrowserRouter>
    </MetaProvider>
  );
}
