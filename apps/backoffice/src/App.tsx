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
const CustomersSection = lazy(() =>
  import('./features/customers/CustomersSection').then((module) => ({ default: module.CustomersSection })),
);
const IncidentsSection = lazy(() =>
  import('./features/incidents/IncidentsSection').then((module) => ({ default: module.IncidentsSection })),
);
const DisputesSection = lazy(() => import('./features/disputes/DisputesSection').then((module) => ({ default: module.DisputesSection })));
const BlocksSection = lazy(() => import('./features/blocks/BlocksSection').then((module) => ({ default: module.BlocksSection })));
const ApprovalsSection = lazy(() =>
  import('./features/approvals/ApprovalsSection').then((module) => ({ default: module.ApprovalsSection })),
);
const MerchantsSection = lazy(() =>
  import('./features/merchants/MerchantsSection').then((module) => ({ default: module.MerchantsSection })),
);
const ProvidersSection = lazy(() =>
  import('./features/providers/ProvidersSection').then((module) => ({ default: module.ProvidersSection })),
);
const AuditSection = lazy(() => import('./features/audit/AuditSection').then((module) => ({ default: module.AuditSection })));
// Every role's own security keys (the second factor besides TOTP).
const SecurityKeysPage = lazy(() =>
  import('./features/security-keys/SecurityKeysPage').then((module) => ({ default: module.SecurityKeysPage })),
);
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
                path="security-keys"
                element={
                  <RequireStaff>
                    <SecurityKeysPage />
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
                path="customers/*"
                element={
                  <RequireStaff>
                    <RequireRole roles={['security_officer']}>
                      <CustomersSection />
                    </RequireRole>
                  </RequireStaff>
                }
              />
              <Route
                path="incidents/*"
                element={
                  <RequireStaff>
                    <RequireRole roles={['security_officer']}>
                      <IncidentsSection />
                    </RequireRole>
                  </RequireStaff>
                }
              />
              <Route
                path="disputes/*"
                element={
                  <RequireStaff>
                    <RequireRole roles={['operator', 'security_officer']}>
                      <DisputesSection />
                    </RequireRole>
                  </RequireStaff>
                }
              />
              {/* blocks.unblock.request, approvals.decide, audit.view, merchants.view, payments.providers.view (modules/staff/permissions.ts). */}
              {(
                [
                  ['blocks/*', ['security_officer'], <BlocksSection key="blocks" />],
                  ['approvals/*', ['security_officer', 'admin'], <ApprovalsSection key="approvals" />],
                  ['audit', ['security_officer', 'admin'], <AuditSection key="audit" />],
                  ['merchants/*', ['operator', 'security_officer', 'admin'], <MerchantsSection key="merchants" />],
                  ['providers/*', ['operator', 'security_officer', 'admin'], <ProvidersSection key="providers" />],
                ] as const
              ).map(([path, roles, page]) => (
                <Route
                  key={path}
                  path={path}
                  element={
                    <RequireStaff>
                      <RequireRole roles={roles}>{page}</RequireRole>
                    </RequireStaff>
                  }
                />
              ))}
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
