/** A count with its word, plural unless it is one: `1 error`, `0 errors`, `3 files`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
