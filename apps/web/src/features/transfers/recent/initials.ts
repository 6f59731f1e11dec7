/** "Айгерим Б." → "АБ", "ТОО Ромашка" → "ТР": the letters of a payee's avatar. */
export function initialsOf(name: string): string {
  const letters = name
    .split(/\s+/u)
    .map((word) => /\p{L}/u.exec(word)?.[0] ?? '')
    .filter(Boolean);
  return letters.slice(0, 2).join('').toUpperCase();
}
