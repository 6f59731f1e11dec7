import type { ApprovalExecutor, ApprovalKind, ApprovalPreLock } from './approvals.types.js';

/**
 * How each kind is carried out once approved, registered by the module that owns the kind
 * (APPROVAL_KIND_RULES): approvals knows no block, limit or dispute, and those modules depend on
 * approvals, never the reverse. One executor per kind; a later registration takes the place of
 * the one before until it is withdrawn (a test puts its own in for its duration).
 *
 * The registry belongs to one app (buildApp creates it, ctx.approvalExecutors holds it): two apps
 * built in one process (tests, a tool beside the server) never carry out each other's approvals,
 * and a test's stand-in never leaks into another app.
 */
interface Registered {
  execute: ApprovalExecutor;
  preLock: ApprovalPreLock | null;
}

export class ApprovalExecutors {
  readonly #executors = new Map<ApprovalKind, Registered>();

  /**
   * Registers `executor` for `kind` (and the locks it needs before the audit chain's, if any:
   * ApprovalPreLock); the function returned puts back the one it replaced.
   */
  register<Kind extends ApprovalKind>(
    kind: Kind,
    executor: ApprovalExecutor<Kind>,
    options: { preLock?: ApprovalPreLock<Kind> } = {},
  ): () => void {
    const previous = this.#executors.get(kind);
    // The map is keyed by kind, so the functions stored under `kind` are only ever given an Approval<Kind>.
    const stored: Registered = {
      execute: executor as unknown as ApprovalExecutor,
      preLock: (options.preLock as unknown as ApprovalPreLock | undefined) ?? null,
    };
    this.#executors.set(kind, stored);
    return () => {
      if (this.#executors.get(kind) !== stored) return;
      if (previous) this.#executors.set(kind, previous);
      else this.#executors.delete(kind);
    };
  }

  executorOf(kind: ApprovalKind): ApprovalExecutor | null {
    return this.#executors.get(kind)?.execute ?? null;
  }

  preLockOf(kind: ApprovalKind): ApprovalPreLock | null {
    return this.#executors.get(kind)?.preLock ?? null;
  }
}

/** A registry with no executor yet: buildApp makes one per app, and the owning modules fill it. */
export function createApprovalExecutors(): ApprovalExecutors {
  return new ApprovalExecutors();
}

// The registry rides on the app's context. Its type is approvals', and context.ts names no module
// (a module imports it, never the reverse), so approvals adds the property to AppContext here, as
// the modules add theirs to Fastify's request.
declare module '../../context.js' {
  interface AppContext {
    /** The executors of approved maker-checker requests, of this app only (modules/approvals). */
    approvalExecutors: ApprovalExecutors;
  }
}
