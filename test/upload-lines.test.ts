// The line reader under uploads: numbering, terminators, a BOM, multi-byte characters split across
// chunks, and a line over the limit that costs only itself.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader, scanCsvLine } from '../store/csv-records.js';
import { uploadLines, type UploadLine } from '../store/upload-lines.js';

const chunks = (text: string, size: number) => {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return Readable.from(out);
};

async function read(text: string, size: number, max = 20): Promise<UploadLine[]> {
  const all: UploadLine[] = [];
  for await (const lines of uploadLines(chunks(text, size), max)) all.push(...lines);
  return all;
}

describe('upload lines', () => {
  it.each([1, 2, 5, 1024])('numbers lines and keeps their terminators (chunks of %i bytes)', async (size) => {
    const lines = await read('\uFEFFuserId,name\r\nu1,Zhāng Wěi\n\nu2,Ana', size);
    expect(lines).toEqual([
      { line: 1, text: 'userId,name', eol: '\r\n' },
      { line: 2, text: 'u1,Zhāng Wěi', eol: '\n' },
      { line: 3, text: '', eol: '\n' },
      { line: 4, text: 'u2,Ana', eol: '' },
    ]);
  });

  it.each([1, 7, 1024])(
    'marks a line over the limit and goes on with the next (chunks of %i bytes)',
    async (size) => {
      const lines = await read(`a\n${'x'.repeat(50)}\nb\n${'y'.repeat(21)}`, size);
      expect(lines).toEqual([
        { line: 1, text: 'a', eol: '\n' },
        { line: 2, tooLong: true },
        { line: 3, text: 'b', eol: '\n' },
        { line: 4, tooLong: true },
      ]);
    },
  );
});

describe('CSV record framing', () => {
  it('follows quotes as csv-parse reads them', () => {
    expect(scanCsvLine('a,b,c', false)).toEqual({ open: false });
    expect(scanCsvLine('a,"b, ""c""",d', false)).toEqual({ open: false });
    expect(scanCsvLine('a,"multi', false)).toEqual({ open: true });
    expect(scanCsvLine('line",d', true)).toEqual({ open: false });
    expect(scanCsvLine('a,b"c', false).fault).toMatch(/quote inside a value/);
    expect(scanCsvLine('a,"b"c', false).fault).toMatch(/followed by "c"/);
  });

  it('returns a record as soon as its lines have arrived, and resumes after a quote never closed', () => {
    const reader = new CsvRecordReader({ maxLineBytes: 100, maxRecordChars: 100, maxRecordLines: 3 });
    const line = (n: number, text: string): UploadLine => ({ line: n, text, eol: '\n' });
    expect(reader.push([line(1, 'id,name'), line(2, 'u1,"Two')])).toEqual([
      { line: 1, fields: ['id', 'name'] },
    ]);
    expect(reader.push([line(3, 'lines"')])).toEqual([{ line: 2, fields: ['u1', 'Two\nlines'] }]);
    expect(reader.push([line(4, 'u2,"open'), line(5, 'u3,x'), line(6, 'u4,y')])).toEqual([
      {
        line: 4,
        problem: 'a quoted value opened on this line is not closed within 3 lines or 100 characters',
      },
      { line: 5, fields: ['u3', 'x'] },
      { line: 6, fields: ['u4', 'y'] },
    ]);
    expect(reader.push([line(7, 'u5,"again')])).toEqual([]);
    expect(reader.end()).toEqual([
      { line: 7, problem: 'a quoted value opened on this line is never closed' },
    ]);
  });
});
