import '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Language } from '../../shared/i18n.js';
import { ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import { CSRF_HEADER, csrfTokenMatches, PASSIVE_HEADER } from '../auth/index.js';
import { roleMay, type StaffAction, type StaffRole } from './permissions.js';
import { StaffProblem } from './staff.errors.js';
import { findStaffById } from './staff.repo.js';
import { endStaffSessionAudited, type LiveStaffSession, lookupStaffSession } from './staff-sessions.js';

// __Host-: Secure, Path=/, no Domain (ASVS 3.4). Another name than the customers' cookie, read
// only here: a customer session can never reach a staff route, nor a staff one a customer route.
export const STAFF_COOKIE = '__Host-kassa_staff';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The staff member a request acts for, set by requireStaff. */
export interface StaffPrincipal {
  staffId: string;
  sessionId: string;
  role: StaffRole;
  displayName: string;
  language: Language;
}

/** What requireStaff knows of the session beyond the principal (the session route answers with it). */
interface StaffRequestState {
  principal: StaffPrincipal;
  session: LiveStaffSession;
  /** The initial password an admin typed is still theirs (migration 0028). */
  passwordChangeRequired: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffPrincipal | null;
  }
}

// Beside request.staff, the timeouts of the session and the forced password change, for the session route only.
const sessionOfRequest = new WeakMap<FastifyRequest, LiveStaffSession & { passwordChangeRequired: boolean }>();

// What a session whose password must still change may do: see itself, log out, change the password.
const ACTIONS_BEFORE_PASSWORD_CHANGE: ReadonlySet<StaffAction> = new Set(['staff.session']);

/**
 * preHandler factory for every staff route: a live staff session from the __Host-kassa_staff
 * cookie (no bearer tokens: the back office is a browser app), the CSRF token on writes, and a role
 * allowed `action` (permissions.ts). Otherwise 401 (no or ended session) or 403 (CSRF, role; both
 * audited). Sets request.staff. The staff row is read on every request, so a role change or a
 * disabled account takes effect at the next request, not at the next login.
 */
export function requireStaff(ctx: AppContext, action: StaffAction): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const state = await authenticateStaff(ctx, request, reply);
    const meta = requestMeta(request);
    const url = request.url.split('?')[0];
    if (UNSAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !csrfTokenMatches(ctx.config.keyring, state.session.sessionId, sent)) {
        await recordAuditAlone(ctx.db, {
          event: 'staff.csrf.rejected',
          meta,
          details: { staffId: state.principal.staffId, url, method: request.method },
          occurredAt: ctx.clock.now(),
        });
        throw new ProblemError(StaffProblem['staff-csrf-failed']);
      }
    }
    if (!roleMay(state.principal.role, action)) {
      await recordAuditAlone(ctx.db, {
        event: 'staff.forbidden',
        meta,
        details: { staffId: state.principal.staffId, role: state.principal.role, action, url, method: request.method },
        occurredAt: ctx.clock.now(),
      });
      throw new ProblemError(StaffProblem['staff-forbidden']);
    }
    // The admin who typed the initial password knows it too: nothing of the bank's is reached with it.
    if (state.passwordChangeRequired && !ACTIONS_BEFORE_PASSWORD_CHANGE.has(action))
      throw new ProblemError(StaffProblem['staff-password-change-required']);
    request.staff = state.principal;
    sessionOfRequest.set(request, { ...state.session, passwordChangeRequired: state.passwordChangeRequired });
  };
}

async function authenticateStaff(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<StaffRequestState> {
  const token = request.cookies?.[STAFF_COOKIE];
  if (!token) throw new ProblemError(StaffProblem['staff-unauthenticated']);
  const meta = requestMeta(request);
  const lookup = await lookupStaffSession(ctx, token, meta, request.headers[PASSIVE_HEADER] === '1');
  if (!lookup.ok) {
    clearStaffCookie(reply);
    throw new ProblemError(StaffProblem[lookup.reason === 'unknown' ? 'staff-unauthenticated' : 'staff-session-expired']);
  }
  const staff = await findStaffById(ctx.db, lookup.session.staffId);
  if (staff?.status !== 'active') {
    const now = ctx.clock.now();
    await ctx.db.transaction((tx) =>
      endStaffSessionAudited(tx, {
        staffId: lookup.session.staffId,
        sessionId: lookup.session.sessionId,
        reason: 'staff-disabled',
        meta,
        now,
      }),
    );
    clearStaffCookie(reply);
    throw new ProblemError(StaffProblem['staff-session-expired']);
  }
  return {
    principal: {
      staffId: staff.id,
      sessionId: lookup.session.sessionId,
      role: staff.role,
      displayName: staff.displayName,
      language: staff.language,
    },
    session: lookup.session,
    passwordChangeRequired: staff.passwordChangeRequired,
  };
}

/** request.staff, typed; throws if the route has no requireStaff (a programmer's error). */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new Error('route is missing the requireStaff preHandler');
  return request.staff;
}

/** The timeouts of the request's session, and whether its password must change first (after requireStaff). */
export function staffSessionOf(request: FastifyRequest): LiveStaffSession & { passwordChangeRequired: boolean } {
  const session = sessionOfRequest.get(request);
  if (!session) throw new Error('route is missing the requireStaff preHandler');
  return session;
}

export function setStaffCookie(reply: FastifyReply, token: string): void {
  // No Max-Age: a browser session cookie; the server enforces the real timeouts.
  void reply.setCookie(STAFF_COOKIE, token, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
}

export function clearStaffCookie(reply: FastifyReply): void {
  void reply.clearCookie(STAFF_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
}
