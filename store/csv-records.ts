// Turns the lines of a CSV upload into records, so that one broken record costs only its own line:
// a quote never closed (which would swallow every row after it) or a record over the size limit is
// reported at the line where it starts, and reading resumes on the next line.
// The framing follows RFC 4180 as csv-parse reads it (a quote opens a value only at its start, `""`
// inside quotes is a quote), and csv-parse itself splits the well-framed records into fields.
import { parse } from 'csv-parse/sync';
import type { UploadLine } from './upload-lines.js';

export type CsvRecord = { line: number; fields: string[] } | { line: number; problem: string };

export interface CsvRecordLimits {
  /** Bytes of one line; longer lines arrive already marked by the line reader. */
  maxLineBytes: number;
  /** Characters of one record. */
  maxRecordChars: number;
  /** Lines one quoted value may span; also bounds how often a line is read again after a bad quote. */
  maxRecordLines: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
/** Records parsed together: csv-parse's set-up costs more than a short row. */
const BATCH_RECORDS = 500;
const BATCH_CHARS = 256 * 1024;
const PARSE_OPTIONS = { relax_column_count: true, record_delimiter: ['\r\n', '\n'] };

interface LineScan {
  /** A quoted value is still open at the end of the line. */
  open: boolean;
  /** What csv-parse would refuse in this line, if anything. */
  fault?: string;
}

/** Follows the quoting through one line, starting inside a quoted value or at the start of a record. */
export function scanCsvLine(text: string, insideQuotes: boolean): LineScan {
  if (!insideQuotes && !text.includes('"')) return { open: false };
  let quoted = insideQuotes;
  let fieldStart = !insideQuotes;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c !== QUOTE) continue;
      if (text.charCodeAt(i + 1) === QUOTE) {
        i++;
        continue;
      }
      quoted = false;
      const next = text.charCodeAt(i + 1);
      if (i + 1 < text.length && next !== COMMA) {
        return { open: false, fault: `a closing quote is followed by "${text[i + 1]}" instead of a comma` };
      }
    } else if (c === QUOTE) {
      if (!fieldStart) return { open: false, fault: 'a quote inside a value that does not start with one' };
      quoted = true;
      fieldStart = false;
    } else fieldStart = c === COMMA;
  }
  return { open: quoted };
}

/**
 * Reads records line by line; `push` and `end` return the records (and problems) complete so far,
 * in line order. Records still open stay held: a quoted value may go on in the next lines.
 */
export class CsvRecordReader {
  private held: Extract<UploadLine, { text: string }>[] = [];
  private heldChars = 0;
  private batch: { line: number; text: string }[] = [];
  private batchChars = 0;
  private out: CsvRecord[] = [];

  constructor(private readonly limits: CsvRecordLimits) {}

  /** Call with the lines that have arrived; the records they complete are all returned, none kept waiting. */
  push(lines: readonly UploadLine[]): CsvRecord[] {
    for (const line of lines) this.accept(line);
    this.flushBatch();
    return this.drain();
  }

  end(): CsvRecord[] {
    while (this.held.length) this.failRecord('a quoted value opened on this line is never closed');
    this.flushBatch();
    return this.drain();
  }

  private drain(): CsvRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private accept(line: UploadLine): void {
    if (line.tooLong) {
      if (this.held.length) this.failRecord(this.tooLongMessage());
      this.problem(line.line, `line longer than ${this.limits.maxLineBytes} bytes`);
      return;
    }
    if (!this.held.length && line.text === '') return;
    const scan = scanCsvLine(line.text, this.held.length > 0);
    this.held.push(line);
    this.heldChars += line.text.length + line.eol.length;
    if (scan.fault) {
      if (this.held.length === 1) {
        this.held = [];
        this.heldChars = 0;
        this.problem(line.line, scan.fault);
      } else
        this.failRecord(`a quoted value opened on this line is not closed as CSV requires (${scan.fault})`);
    } else if (!scan.open) this.completeRecord();
    else if (this.heldChars > this.limits.maxRecordChars || this.held.length >= this.limits.maxRecordLines) {
      this.failRecord(this.tooLongMessage());
    }
  }

  private tooLongMessage(): string {
    const { maxRecordChars, maxRecordLines } = this.limits;
    return `a quoted value opened on this line is not closed within ${maxRecordLines} lines or ${maxRecordChars} characters`;
  }

  /** Reports the record's first line and reads the lines after it again, as the start of new records. */
  private failRecord(message: string): void {
    const [first, ...rest] = this.held;
    this.held = [];
    this.heldChars = 0;
    this.problem(first!.line, message);
    for (const line of rest) this.accept(line);
  }

  private completeRecord(): void {
    let text = '';
    for (const l of this.held) text += l.text + l.eol;
    if (!text.endsWith('\n')) text += '\n';
    this.batch.push({ line: this.held[0]!.line, text });
    this.batchChars += text.length;
    this.held = [];
    this.heldChars = 0;
    if (this.batch.length >= BATCH_RECORDS || this.batchChars >= BATCH_CHARS) this.flushBatch();
  }

  private problem(line: number, problem: string): void {
    // Rows before the problem go first, so the report stays in line order.
    this.flushBatch();
    this.out.push({ line, problem });
  }

  private flushBatch(): void {
    if (!this.batch.length) return;
    const batch = this.batch;
    this.batch = [];
    this.batchChars = 0;
    let rows: string[][] | undefined;
    try {
      rows = parse(batch.map((r) => r.text).join(''), PARSE_OPTIONS) as string[][];
    } catch {
      // Cannot happen for well-framed records; parsing one by one names the record if it does.
    }
    if (rows?.length === batch.length) {
      batch.forEach((r, i) => this.out.push({ line: r.line, fields: rows[i]! }));
      return;
    }
    for (const r of batch) this.out.push(parseOne(r.line, r.text));
  }
}

function parseOne(line: number, text: string): CsvRecord {
  try {
    const rows = parse(text, PARSE_OPTIONS) as string[][];
    if (rows.length === 1) return { line, fields: rows[0]! };
    return { line, problem: 'cannot be read as one CSV record' };
  } catch (err) {
    return { line, problem: (err as Error).message };
  }
}
