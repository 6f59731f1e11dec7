import type { ApprovalExecutor, ApprovalKind, ApprovalPreLock } from './approvals.types.js';

/**
 * How each kind is carried out once approved, registered by the module that owns the kind
 * (APPROVAL_KIND_RULES): approvals knows no block, limit or dispute, and those modules depend on
 * approvals, never the reverse. One executor per kind; a later registration takes the place of
 * the one before until it is withdrawn (a test puts its own in for its duration).
 */
interface Registered {
  execute: ApprovalExecutor;
  preLock: ApprovalPreLock | null;
}
const executors = new Map<ApprovalKind, Registered>();

/**
 * Registers `executor` for `kind` (and the locks it needs before the audit chain's, if any:
 * ApprovalPreLock); the function returned puts back the one it replaced.
 */
export function registerApprovalExecutor<Kind extends ApprovalKind>(
  kind: Kind,
  executor: ApprovalExecutor<Kind>,
  options: { preLock?: ApprovalPreLock<Kind> } = {},
): () => void {
  const previous = executors.get(kind);
  // The map is keyed by kind, so the functions stored under `kind` are only ever given an Approval<Kind>.
  const stored: Registered = {
    execute: executor as unknown as ApprovalExecutor,
    preLock: (options.preLock as unknown as ApprovalPreLock | undefined) ?? null,
  };
  executors.set(kind, stored);
  return () => {
    if (executors.get(kind) !== stored) return;
    if (previous) executors.set(kind, previous);
    else executors.delete(kind);
  };
}

export function executorOf(kind: ApprovalKind): ApprovalExecutor | null {
  return executors.get(kind)?.execute ?? null;
}

export function preLockOf(kind: ApprovalKind): ApprovalPreLock | null {
  return executors.get(kind)?.preLock ?? null;
}
