// Splits an uploaded byte stream into numbered lines, holding at most one line (of bounded size) at a
// time: a line over the limit is reported and skipped to its end, so it costs only itself, never the
// lines after it, and never the memory of the whole upload.
import type { Readable } from 'node:stream';

export type UploadLine =
  | {
      /** 1-based line of the file. */
      line: number;
      text: string;
      /** The line's terminator as found ('' on a last line without one). */
      eol: '\r\n' | '\n' | '';
      tooLong?: undefined;
    }
  | { line: number; tooLong: true };

const NEWLINE = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Bytes of the line being read that did not end in the chunk that brought them. Grows by doubling
 * into one buffer, since small network chunks would otherwise make every append copy the whole line.
 */
class PartialLine {
  private buf = Buffer.alloc(0);
  length = 0;

  append(bytes: Buffer): void {
    const needed = this.length + bytes.length;
    if (needed > this.buf.length) {
      const grown = Buffer.alloc(Math.max(needed, this.buf.length * 2, 4096));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    bytes.copy(this.buf, this.length);
    this.length = needed;
  }

  take(): Buffer {
    const bytes = this.buf.subarray(0, this.length);
    this.buf = Buffer.alloc(0);
    this.length = 0;
    return bytes;
  }
}

function toLine(line: number, bytes: Buffer, terminated: boolean): UploadLine {
  let end = bytes.length;
  let eol: '\r\n' | '\n' | '' = terminated ? '\n' : '';
  if (terminated && end > 0 && bytes[end - 1] === CR) {
    end--;
    eol = '\r\n';
  }
  const start = line === 1 && bytes.subarray(0, 3).equals(BOM) ? 3 : 0;
  // A newline byte never occurs inside a multi-byte UTF-8 character, so each line decodes alone.
  return { line, text: bytes.toString('utf8', start, end), eol };
}

/**
 * Yields the lines of `source` in order, each under `maxLineBytes` bytes or marked `tooLong`, as
 * many at a time as each chunk of the upload completes (so a consumer knows when the input so far is
 * used up). Leaves `source` undestroyed when the consumer stops early (see importAffectedUsers).
 */
export async function* uploadLines(source: Readable, maxLineBytes: number): AsyncGenerator<UploadLine[]> {
  const partial = new PartialLine();
  let line = 1;
  let skipping = false;
  for await (const chunk of source.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const lines: UploadLine[] = [];
    let pos = 0;
    while (pos < bytes.length) {
      const end = bytes.indexOf(NEWLINE, pos);
      const stop = end < 0 ? bytes.length : end;
      if (!skipping && partial.length + (stop - pos) > maxLineBytes) {
        partial.take();
        skipping = true;
        lines.push({ line, tooLong: true });
      }
      if (!skipping) {
        const piece = bytes.subarray(pos, stop);
        if (end >= 0 && partial.length === 0) lines.push(toLine(line, piece, true));
        else if (end >= 0) {
          partial.append(piece);
          lines.push(toLine(line, partial.take(), true));
        } else partial.append(piece);
      }
      if (end < 0) break;
      skipping = false;
      line++;
      pos = end + 1;
    }
    if (lines.length) yield lines;
  }
  if (!skipping && partial.length > 0) yield [toLine(line, partial.take(), false)];
}
