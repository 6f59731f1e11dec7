import { LoadingState } from '@kassa/ui';
import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import type { StaffRole } from './api/shapes';
import { LoginPage } from './auth/LoginPage';
import { RequireStaff, SessionProvider, useStaffSession } from './auth/session';
import { Shell } from './layout/Shell';
import { HomePage } from './pages/HomePage';

// Pages past the first screen are chunks of their own, loaded when first opened.
const StaffPage = lazy(() => import('./pages/StaffPage').then((module) => ({ default: module.StaffPage })));
const CallsSection = lazy(() => import('./features/calls/CallsSection').then((module) => ({ default: module.CallsSection })));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage').then((module) => ({ default: module.NotFoundPage })));

/** A page for some roles only: the others go home (the server refuses them the data anyway). */
function RequireRole({ roles, children }: { roles: readonly StaffRole[]; children: ReactNode }) {
  const session = useStaffSession();
  return roles.includes(session.staff.role) ? children : <Navigate to="/" replace />;
}

/** The back office, served under /backoffice (apps/server/src/http/backoffice.ts). */
export function App() {
  return (
    <BrowserRouter basename="/backoffice">
      <SessionProvider>
        <Suspense fallback={<LoadingState />}>
          <Routes>
            <Route element={<Shell />}>
              <Route path="login" element={<LoginPage />} />
              <Route
                index
                element={
                  <RequireStaff>
                    <HomePage />
                  </RequireStaff>
                }
              />
              <Route
                path="staff"
                element={
                  <RequireStaff>
                    <RequireRole roles={['admin']}>
                      <StaffPage />
                    </RequireRole>
                  </RequireStaff>
                }
              />
              <Route
                path="calls/*"
                element={
                  <RequireStaff>
                    <RequireRole roles={['operator']}>
                      <CallsSection />
                    </RequireRole>
                  </RequireStaff>
                }
              />
              <Route
                path="*"
                element={
                  <RequireStaff>
                    <NotFoundPage />
                  </RequireStaff>
                }
              />
            </Route>
          </Routes>
        </Suspense>
      </SessionProvider>
    </BrowserRouter>
  );
}
