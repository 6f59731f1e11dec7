/** Programmer errors throw; business failures are values (ProblemError). */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}
