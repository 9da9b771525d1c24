/**
 * Several inserts as ONE statement (data-modifying CTEs), run as a named prepared statement: atomic without
 * BEGIN/COMMIT, one round trip, parsed and planned once per connection.
 *
 * For hot paths (public intake). Drizzle's query builder spends most of an insert's CPU turning its SQL tree
 * into text; here the text of a statement of a given shape (tables, columns, row counts) is made once from the
 * Drizzle tables (column names and encoders from the schema, so nothing is declared twice) and cached, and
 * each call only encodes its values.
 */
import { createHash } from 'node:crypto';
import { getTableColumns, getTableName, type Column, type Table } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { Db } from './index';

export interface InsertPart {
  table: Table;
  /** rows to insert; every row of a part has the same keys (the table's property names) */
  rows: Record<string, unknown>[];
}

interface Shape {
  text: string;
  name: string;
  columns: Column[][];
  keys: string[][];
}

const shapes = new Map<string, Shape>();
const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

function shapeOf(parts: InsertPart[]): Shape {
  // a key left undefined takes the column's default: it is left out of the statement
  const keys = parts.map((p) => Object.keys(p.rows[0] ?? {}).filter((k) => p.rows[0][k] !== undefined));
  const signature = parts.map((p, i) => `${getTableName(p.table)}(${keys[i].join(',')})×${p.rows.length}`).join(';');
  const cached = shapes.get(signature);
  if (cached) return cached;
  let n = 0;
  const columns: Column[][] = [];
  const statements = parts.map((p, i) => {
    const all = getTableColumns(p.table) as Record<string, Column>;
    const cols = keys[i].map((k) => {
      const c = all[k];
      if (!c) throw new Error(`${getTableName(p.table)} has no column ${k}`);
      return c;
    });
    columns.push(cols);
    const tuples = p.rows.map(() => `(${cols.map(() => `$${++n}`).join(', ')})`);
    return `insert into ${quote(getTableName(p.table))} (${cols.map((c) => quote(c.name)).join(', ')}) values ${tuples.join(', ')}`;
  });
  const last = statements.pop()!;
  const text = statements.length > 0 ? `with ${statements.map((s, i) => `w${i} as (${s})`).join(', ')} ${last}` : last;
  const shape = { text, name: `gk_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, columns, keys };
  shapes.set(signature, shape);
  return shape;
}

export async function insertAll(db: Db, parts: InsertPart[]): Promise<void> {
  const shape = shapeOf(parts);
  const params: unknown[] = [];
  parts.forEach((p, i) => {
    for (const row of p.rows) {
      shape.keys[i].forEach((k, j) => {
        const v = row[k];
        params.push(v === null || v === undefined ? null : shape.columns[i][j].mapToDriverValue(v));
      });
    }
  });
  const internals = db as unknown as { dialect: PgDialect; session: PgSession };
  await internals.session.prepareQuery({ sql: shape.text, params }, undefined, shape.name, false).execute();
}
