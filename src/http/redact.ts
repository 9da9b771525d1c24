/**
 * An unexpected error as it may be logged: no personal data. A failed query's error carries the values it was
 * sent (Drizzle's "Failed query: … params: …", PostgreSQL's `detail` "Failing row contains (…)", a value quoted
 * in the message), and those values are ID numbers, phone numbers, names and addresses of applicants. What is
 * kept: the error's type and code (SQLSTATE), the names of the table, column and constraint, the SQL text with
 * its placeholders, and the message with every value taken out; the stack keeps only its frames.
 */

const HIDDEN = '[已隐去]';

/** Fields of a PostgreSQL error that name places, never values. */
const PLACE_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;

/** The message with the values it may hold taken out. */
export function redactMessage(message: string): string {
  return (
    message
      // Drizzle: "Failed query: <sql>\nparams: <values>"
      .replace(/\nparams:[\s\S]*$/, `\nparams: ${HIDDEN}`)
      // PostgreSQL quotes a value after a colon: invalid input syntax for type integer: "…"
      .replace(/: "(?:[^"]|"")*"/g, `: "${HIDDEN}"`)
      // a literal in SQL text
      .replace(/'(?:[^']|'')*'/g, `'${HIDDEN}'`)
      // "Key (id_number)=(110105…) already exists", "Failing row contains (…)"
      .replace(/=\([^)]*\)/g, `=(${HIDDEN})`)
      .replace(/contains \([\s\S]*\)/g, `contains (${HIDDEN})`)
      // what is left that looks like an ID number, a phone number or an e-mail address
      .replace(/[^\s@"'(),;:<>]+@[^\s@"'(),;:<>]+/g, HIDDEN)
      .replace(/\d{6,}[\dXx]?/g, HIDDEN)
  );
}

/** The stack's first 12 frames ("    at …"), without the message it starts with. */
function frames(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const lines = stack
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 12);
  return lines.length > 0 ? lines.join('\n') : undefined;
}

export interface RedactedError {
  type?: string;
  message?: string;
  code?: string | number;
  stack?: string;
  cause?: RedactedError;
  [place: string]: unknown;
}

/** The error (and its causes, to a depth of 3) without the values it carries. */
export function redactError(error: unknown, depth = 0): RedactedError {
  if (typeof error !== 'object' || error === null) return { type: typeof error };
  const e = error as Record<string, unknown>;
  const out: RedactedError = { type: (error as object).constructor?.name ?? 'Object' };
  if (typeof e.message === 'string') out.message = redactMessage(e.message);
  for (const field of PLACE_FIELDS) {
    if (typeof e[field] === 'string' || typeof e[field] === 'number') out[field] = e[field];
  }
  const stack = frames(e.stack);
  if (stack) out.stack = stack;
  if (e.cause !== undefined && depth < 3) out.cause = redactError(e.cause, depth + 1);
  return out;
}
