// Streaming import of an affected-user list (CSV or NDJSON) into an incident's snapshot. Rows are
// validated one by one and written in batches, so memory does not depend on the size of the file.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  canonicalField,
  parseAffectedUser,
  type AffectedUser,
  type AffectedUserField,
} from '../domain/affected-user.js';
import { isFinal, noticesStarted } from '../domain/phases.js';
import { CsvRecordReader, type CsvRecord } from './csv-records.js';
import { AffectedUsersFrozenError, IncidentNotFoundError, type Ledger } from './ledger.js';
import { uploadLines } from './upload-lines.js';

export type ImportFormat = 'csv' | 'ndjson';

export interface ImportError {
  /** 1-based line of the file (the header is line 1 in CSV); the row number for a directory. */
  line: number;
  field: string;
  message: string;
}

export interface ImportResult {
  /** Valid rows. */
  accepted: number;
  /** Valid rows whose userId appeared earlier in the same upload: merged into that person. */
  merged: number;
  /** Invalid rows (nothing of them is stored). */
  rejected: number;
  /** The first `maxErrors` problems, in file order. */
  errors: ImportError[];
  /** People added to the snapshot. */
  inserted: number;
  /** People already in the snapshot whose record changed. */
  updated: number;
  /** People already in the snapshot with nothing new (a re-upload has only these). */
  unchanged: number;
  /** Columns (or NDJSON keys) the service does not use. */
  ignoredColumns: string[];
}

export interface ImportOptions {
  /** Rows per transaction. */
  batchSize?: number;
  maxErrors?: number;
}

/** The input cannot be read as an affected-user list at all (the API answers 400). */
export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFormatError';
  }
}

const DEFAULT_BATCH = 1000;
const DEFAULT_MAX_ERRORS = 100;
const MAX_LINE_BYTES = 1_000_000;
/** Lines one quoted CSV value may span: a name or address has a few, an unclosed quote has all the rest. */
const MAX_RECORD_LINES = 20;
const MAX_IGNORED_COLUMNS = 50;

/** Collects validated rows into batches and the problems into the report. */
export class AffectedUserSink {
  private readonly batch: AffectedUser[] = [];
  private readonly importId = randomUUID();
  private readonly ignored = new Set<string>();
  private readonly result: ImportResult = {
    accepted: 0,
    merged: 0,
    rejected: 0,
    errors: [],
    inserted: 0,
    updated: 0,
    unchanged: 0,
    ignoredColumns: [],
  };

  constructor(
    private readonly ledger: Ledger,
    private readonly incidentId: string,
    private readonly opts: ImportOptions = {},
  ) {}

  /** Fails early, before reading anything, for a missing incident or a frozen list. */
  static async open(ledger: Ledger, incidentId: string, opts?: ImportOptions): Promise<AffectedUserSink> {
    const incident = await ledger.getIncident(incidentId);
    if (!incident) throw new IncidentNotFoundError(incidentId);
    if (noticesStarted(incident.phase) || isFinal(incident.phase)) {
      throw new AffectedUsersFrozenError(incidentId, incident.phase);
    }
    return new AffectedUserSink(ledger, incidentId, opts);
  }

  ignoreColumn(name: string): void {
    if (this.ignored.size < MAX_IGNORED_COLUMNS) this.ignored.add(name);
  }

  reject(line: number, field: string, message: string, rows = 1): void {
    this.result.rejected += rows;
    this.error(line, field, message);
  }

  private error(line: number, field: string, message: string): void {
    if (this.result.errors.length < (this.opts.maxErrors ?? DEFAULT_MAX_ERRORS)) {
      this.result.errors.push({ line, field, message });
    }
  }

  /** `row` has canonical field names. */
  async add(line: number, row: Record<string, unknown>): Promise<void> {
    const parsed = parseAffectedUser(row);
    if (!parsed.ok) {
      this.result.rejected++;
      for (const e of parsed.errors) this.error(line, e.field, e.message);
      return;
    }
    this.result.accepted++;
    this.batch.push(parsed.user);
    if (this.batch.length >= (this.opts.batchSize ?? DEFAULT_BATCH)) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.batch.length) return;
    const rows = this.batch.splice(0);
    const r = await this.ledger.upsertAffectedUsers(this.incidentId, rows, { importId: this.importId });
    this.result.inserted += r.inserted;
    this.result.updated += r.merged;
    this.result.unchanged += r.unchanged;
    this.result.merged += r.duplicates;
    // A fast source and SQLite's synchronous driver resolve everything as microtasks; without this
    // turn the server would answer nothing else until the whole upload is in.
    await nextTurn();
  }

  async finish(): Promise<ImportResult> {
    await this.flush();
    return { ...this.result, errors: [...this.result.errors], ignoredColumns: [...this.ignored] };
  }
}

/**
 * Reads `source` to the end and adds every valid row to the incident's snapshot. Invalid rows are
 * reported with their line and skipped; a re-import of the same file changes nothing.
 * Throws IncidentNotFoundError, AffectedUsersFrozenError (also mid-way if notices start meanwhile;
 * batches already written stay, and a re-upload completes them) or ImportFormatError.
 * The caller owns `source`: after an error it is left unread but not destroyed, because destroying
 * an HTTP request also destroys its socket and the error response with it.
 */
export async function importAffectedUsers(
  ledger: Ledger,
  incidentId: string,
  source: Readable,
  format: ImportFormat,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const sink = await AffectedUserSink.open(ledger, incidentId, opts);
  if (format === 'csv') await readCsv(source, sink);
  else await readNdjson(source, sink);
  return sink.finish();
}

async function readCsv(source: Readable, sink: AffectedUserSink): Promise<void> {
  const records = new CsvRecordReader({
    maxLineBytes: MAX_LINE_BYTES,
    maxRecordChars: MAX_LINE_BYTES,
    maxRecordLines: MAX_RECORD_LINES,
  });
  let header: CsvHeader | undefined;
  const take = async (batch: CsvRecord[]) => {
    for (const record of batch) {
      if (!header) header = readHeader(record, sink);
      else await addCsvRow(record, header, sink);
    }
  };
  for await (const lines of uploadLines(source, MAX_LINE_BYTES)) await take(records.push(lines));
  await take(records.end());
  if (!header)
    throw new ImportFormatError('the CSV file is empty: expected a header line with a userId column');
}

interface CsvHeader {
  names: string[];
  fields: (AffectedUserField | undefined)[];
}

function readHeader(record: CsvRecord, sink: AffectedUserSink): CsvHeader {
  if ('problem' in record) {
    throw new ImportFormatError(`the CSV header (line ${record.line}) cannot be read: ${record.problem}`);
  }
  const names = record.fields;
  if (!names.some((h) => canonicalField(h) === 'userId')) {
    throw new ImportFormatError(
      `the CSV header has no userId column (found: ${names.slice(0, 20).join(', ') || 'nothing'})`,
    );
  }
  const fields = names.map((name) => {
    const field = canonicalField(name);
    if (!field) sink.ignoreColumn(name);
    return field;
  });
  return { names, fields };
}

/** Fields are taken by the header's position only when a row has exactly the header's number of them. */
async function addCsvRow(record: CsvRecord, header: CsvHeader, sink: AffectedUserSink): Promise<void> {
  if ('problem' in record) return sink.reject(record.line, 'row', record.problem);
  const { fields } = record;
  if (fields.length !== header.names.length) {
    return sink.reject(
      record.line,
      'row',
      `has ${fields.length} fields; the header has ${header.names.length}`,
    );
  }
  const row: Record<string, string> = {};
  fields.forEach((value, i) => {
    const field = header.fields[i];
    if (field) row[field] = value;
  });
  await sink.add(record.line, row);
}

async function readNdjson(source: Readable, sink: AffectedUserSink): Promise<void> {
  for await (const lines of uploadLines(source, MAX_LINE_BYTES)) {
    for (const line of lines) {
      if (line.tooLong) sink.reject(line.line, 'row', `line longer than ${MAX_LINE_BYTES} bytes`);
      else await addNdjsonLine(line.line, line.text, sink);
    }
  }
}

async function addNdjsonLine(line: number, text: string, sink: AffectedUserSink): Promise<void> {
  const trimmed = text.trim();
  if (!trimmed) return;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (err) {
    return sink.reject(line, 'row', `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return sink.reject(line, 'row', 'must be a JSON object');
  }
  const row: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = canonicalField(key);
    if (field) row[field] = v;
    else sink.ignoreColumn(key);
  }
  // A JSON number loses digits past 2^53, and so would quietly name another person.
  if (typeof row.userId === 'number')
    return sink.reject(line, 'userId', 'must be a JSON string, not a number');
  await sink.add(line, row);
}
