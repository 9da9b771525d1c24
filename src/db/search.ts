/** An ILIKE pattern matching text that contains `q` as typed (its %, _ and \ taken literally). */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
