// A company's own user table as the source of affected users, instead of an upload: a SQL query
// against its PostgreSQL database returning the import columns, read in keyset-paged batches.
import pg from 'pg';
import { canonicalField } from '../domain/affected-user.js';
import {
  AffectedUserSink,
  ImportFormatError,
  type ImportOptions,
  type ImportResult,
} from './affected-user-import.js';
import type { Ledger } from './ledger.js';

export interface DirectorySourceOptions extends ImportOptions {
  /** DIRECTORY_DATABASE_URL. */
  databaseUrl: string;
  /**
   * A SELECT returning the import columns under their names (`userId`, `email`, … or snake_case like
   * `user_id`); it is used as a subquery, so it must not end with a semicolon or an ORDER BY/LIMIT.
   * Example: `SELECT id AS user_id, email, mobile AS phone, country FROM users WHERE breach_batch = 7`.
   */
  query: string;
  /** Rows per page. */
  pageSize?: number;
  /** Called after each page with the rows read so far (an activity heartbeats here). */
  onPage?: (rowsRead: number) => void;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Reads the directory query page by page (keyset on the userId column, in one read-only snapshot so
 * pages are consistent) through the same validation and upsert as a file upload. Row numbers stand
 * in for line numbers in the errors.
 */
export async function importFromDirectory(
  ledger: Ledger,
  incidentId: string,
  opts: DirectorySourceOptions,
): Promise<ImportResult> {
  const query = opts.query.trim().replace(/;\s*$/, '');
  if (!/^(select|with)\b/i.test(query)) throw new ImportFormatError('the directory query must be a SELECT');
  const pageSize = opts.pageSize ?? 1000;
  const sink = await AffectedUserSink.open(ledger, incidentId, opts);

  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const probe = await client.query(`SELECT * FROM (${query}) AS directory LIMIT 0`);
    const columns = probe.fields.map((f) => f.name);
    const idColumn = columns.find((c) => canonicalField(c) === 'userId');
    if (!idColumn) {
      throw new ImportFormatError(
        `the directory query returns no userId column (found: ${columns.join(', ')})`,
      );
    }
    for (const c of columns) if (!canonicalField(c)) sink.ignoreColumn(c);

    const id = `directory.${quoteIdent(idColumn)}`;
    // Keyset paging cannot reach rows without an id, so they are counted here instead.
    const missing = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM (${query}) AS directory WHERE ${id} IS NULL`,
    );
    const withoutId = Number(missing.rows[0]?.n ?? 0);
    if (withoutId > 0) sink.reject(0, 'userId', `${withoutId} row(s) have no userId`, withoutId);
    const first = `SELECT * FROM (${query}) AS directory WHERE ${id} IS NOT NULL ORDER BY ${id} LIMIT $1`;
    const next = `SELECT * FROM (${query}) AS directory WHERE ${id} > $2 ORDER BY ${id} LIMIT $1`;
    let after: unknown;
    let rowNumber = 0;
    for (;;) {
      const page = await client.query<Record<string, unknown>>(
        after === undefined ? first : next,
        after === undefined ? [pageSize] : [pageSize, after],
      );
      for (const raw of page.rows) {
        rowNumber++;
        const row: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(raw)) {
          const field = canonicalField(k);
          if (field) row[field] = Array.isArray(v) && field !== 'dataCategories' ? v.join(';') : v;
        }
        await sink.add(rowNumber, row);
      }
      opts.onPage?.(rowNumber);
      if (page.rows.length < pageSize) break;
      after = page.rows[page.rows.length - 1]?.[idColumn];
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  return sink.finish();
}
