import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { MetaProvider } from './api/meta';
import { RequireAuth, SessionProvider } from './auth/session';
import { AppLayout } from './layout/AppLayout';
import { UnreadNotificationsProvider } from './money/notifications';
import { DevSmsPage } from './pages/DevSmsPage';
import { HistoryPage } from './pages/HistoryPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationSettingsPage } from './pages/NotificationSettingsPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { OperationPage } from './pages/OperationPage';
import { PasswordResetPage } from './pages/PasswordResetPage';
import { RegisterPage } from './pages/RegisterPage';
import { SecurityPage } from './pages/SecurityPage';
import { SettingsPage } from './pages/SettingsPage';
import { StatementPage } from './pages/StatementPage';
import { TransfersPage } from './pages/TransfersPage';
import { TrustedPayeesPage } from './pages/TrustedPayeesPage';

/** Pages that need a live session. */
const PROTECTED = [
  { path: 'settings', element: <SettingsPage /> },
  { path: 'transfers', element: <TransfersPage /> },
  { path: 'transfers/:kind', element: <TransfersPage /> },
  { path: 'history', element: <HistoryPage /> },
  { path: 'operations/:id', element: <OperationPage /> },
  { path: 'statements', element: <StatementPage /> },
  { path: 'notifications', element: <NotificationsPage /> },
  { path: 'notifications/settings', element: <NotificationSettingsPage /> },
  { path: 'payees', element: <TrustedPayeesPage /> },
] as const;

export function App() {
  return (
    <MetaProvider>
      <BrowserRouter>
        <SessionProvider>
          <UnreadNotificationsProvider>
            <Routes>
              <Route element={<AppLayout />}>
                <Route index element={<HomePage />} />
                <Route path="security" element={<SecurityPage />} />
                {PROTECTED.map(({ path, element }) => (
                  <Route key={path} path={path} element={<RequireAuth>{element}</RequireAuth>} />
                ))}
                <Route path="login" element={<LoginPage />} />
                <Route path="login/reset" element={<PasswordResetPage />} />
                <Route path="register" element={<RegisterPage />} />
                <Route path="dev/sms" element={<DevSmsPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </UnreadNotificationsProvider>
        </SessionProvider>
      </BrowserRouter>
    </MetaProvider>
  );
}
