import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { MetaProvider } from './api/meta';
import { AppLayout } from './layout/AppLayout';
import { DevSmsPage } from './pages/DevSmsPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RegisterPage } from './pages/RegisterPage';
import { SecurityPage } from './pages/SecurityPage';

export function App() {
  return (
    <MetaProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<AppLayout />}>
            <Route index element={<HomePage />} />
            <Route path="security" element={<SecurityPage />} />
            <Route path="login" element={<LoginPage />} />
            <Route path="register" element={<RegisterPage />} />
            <Route path="dev/sms" element={<DevSmsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </MetaProvider>
  );
}
