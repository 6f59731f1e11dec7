/** WebAuthn responses are plain JSON objects; the API schema types them as open objects. */
export function asJsonObject<T extends { id: string; type: string }>(value: T): { [key: string]: unknown; id: string; type: string } {
  return { ...value };
}
