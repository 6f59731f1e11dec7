/** "+7 701 *** ** 67" as the eye reads a hidden digit: "+7 701 ••• •• 67" (the server masks with "*"). */
export function dotted(masked: string): string {
  return masked.replaceAll('*', '•');
}
