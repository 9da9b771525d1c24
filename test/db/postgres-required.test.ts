/**
 * The PostgreSQL half of the suite never disappears without a word: in CI (`CI` set) or with
 * GONGKAI_REQUIRE_PG=1, a PostgreSQL that does not answer fails here, naming the URL (and every PostgreSQL
 * test fails with it); elsewhere the suite runs on PGlite and test/helpers/db.ts prints a note.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_URL, DB_KINDS, PG_REQUIRED, openTestDatabase, postgresMissing } from '../helpers/db';

describe('PostgreSQL for the suite', () => {
  it.runIf(PG_REQUIRED)(`answers where it is required (${ADMIN_URL})`, async () => {
    const missing = postgresMissing();
    if (missing) throw missing;
    expect(DB_KINDS).toEqual(['pglite', 'postgres']);
    const database = await openTestDatabase('postgres');
    await database.drop();
  });

  it('runs whenever it answers, and the PGlite half always', () => {
    expect(DB_KINDS[0]).toBe('pglite');
    if (PG_REQUIRED) expect(DB_KINDS).toContain('postgres');
  });
});
