import type { ApprovalExecutor, ApprovalKind } from './approvals.types.js';

/**
 * How each kind is carried out once approved, registered by the module that owns the kind
 * (APPROVAL_KIND_RULES): approvals knows no block, limit or dispute, and those modules depend on
 * approvals, never the reverse. One executor per kind; a later registration takes the place of
 * the one before until it is withdrawn (a test puts its own in for its duration).
 */
const executors = new Map<ApprovalKind, ApprovalExecutor>();

/** Registers `executor` for `kind`; the function returned puts back the one it replaced. */
export function registerApprovalExecutor<Kind extends ApprovalKind>(kind: Kind, executor: ApprovalExecutor<Kind>): () => void {
  const previous = executors.get(kind);
  // The map is keyed by kind, so the executor stored under `kind` is only ever given an Approval<Kind>.
  const stored = executor as unknown as ApprovalExecutor;
  executors.set(kind, stored);
  return () => {
    if (executors.get(kind) !== stored) return;
    if (previous) executors.set(kind, previous);
    else executors.delete(kind);
  };
}

export function executorOf(kind: ApprovalKind): ApprovalExecutor | null {
  return executors.get(kind) ?? null;
}
