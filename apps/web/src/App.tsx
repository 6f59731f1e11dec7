import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { MetaProvider } from './api/meta';
import { RequireAuth, SessionProvider } from './auth/session';
import { AppLayout } from './layout/AppLayout';
import { DevSmsPage } from './pages/DevSmsPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PasswordResetPage } from './pages/PasswordResetPage';
import { RegisterPage } from './pages/RegisterPage';
import { SecurityPage } from './pages/SecurityPage';
import { SettingsPage } from './pages/SettingsPage';

export function App() {
  return (
    <MetaProvider>
      <BrowserRouter>
        <SessionProvider>
          <Routes>
            <Route element={<AppLayout />}>
              <Route index element={<HomePage />} />
              <Route path="security" element={<SecurityPage />} />
              <Route
                path="settings"
                element={
                  <RequireAuth>
                    <SettingsPage />
                  </RequireAuth>
                }
              />
              <Route path="login" element={<LoginPage />} />
              <Route path="login/reset" element={<PasswordResetPage />} />
              <Route path="register" element={<RegisterPage />} />
              <Route path="dev/sms" element={<DevSmsPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </SessionProvider>
      </BrowserRouter>
    </MetaProvider>
  );
}
