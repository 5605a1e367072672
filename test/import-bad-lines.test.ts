// Bad lines in an upload: each is reported with its own line number, and the good lines around it are kept.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAffectedUsers, type ImportFormat } from '../store/affected-user-import.js';
import type { Ledger } from '../store/ledger.js';
import { newIncident, openTestStore, type TestStore } from './support/stores.js';

const stream = (text: string, chunk: number) =>
  Readable.from(
    (function* () {
      const bytes = Buffer.from(text);
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    })(),
  );

/** Over the 1,000,000-byte limit of a line. */
const HUGE = 'x'.repeat(1_100_000);

let store: TestStore;
let ledger: Ledger;
beforeAll(async () => {
  store = await openTestStore('sqlite');
  ledger = store.ledger;
});
afterAll(async () => {
  await store?.cleanup();
});

/** Imports `text` into a new incident and lists the people its snapshot kept, by userId. */
async function upload(text: string, format: ImportFormat, chunk = 4096) {
  const id = await newIncident(ledger);
  const result = await importAffectedUsers(ledger, id, stream(text, chunk), format);
  const people = await ledger.pageAffectedUsers(id, { limit: 100 });
  const kept = people.map((p) => p.userId);
  return { id, result, lines: result.errors.map((e) => [e.line, e.field]), kept };
}

describe('CSV rows that cannot be read', () => {
  it('refuses a row with more or fewer fields than the header instead of taking it by position', async () => {
    const csv = [
      'userId,email,country', // 1
      'a,a@example.com,DE', // 2
      'b,b@example.com', // 3 one field short
      'c,c@example.com,DE,extra', // 4 one too many
      'd,d@example.com,FR', // 5
    ].join('\n');
    const { result, kept } = await upload(csv, 'csv', 7);
    expect(kept).toEqual(['a', 'd']);
    expect(result).toMatchObject({ accepted: 2, rejected: 2 });
    expect(result.errors).toEqual([
      { line: 3, field: 'row', message: 'has 2 fields; the header has 3' },
      { line: 4, field: 'row', message: 'has 4 fields; the header has 3' },
    ]);
  });

  it.each([64, 65_536])(
    'reports a 1 MB field and unclosed quotes on their own lines, keeping the rows around them (chunks of %i)',
    async (chunk) => {
      const csv = [
        'userId,name,email', // 1
        'a,Ana,a@example.com', // 2
        `b,${HUGE},b@example.com`, // 3 too long
        'c,Cy,c@example.com', // 4
        'd,"Dee,d@example.com', // 5 quote never closed: line 7's quote would end it
        'e,Eve,e@example.com', // 6
        'f,"Multi', // 7 a value over two lines
        'Line",f@example.com', // 8
        `g,"${HUGE}",g@example.com`, // 9 too long, quoted
        'h,Hal,h@example.com', // 10
        'i,"Ivy,i@example.com', // 11 quote never closed, up to the end of the file
        'j,Jo,j@example.com', // 12
        '', // 13
      ].join('\r\n');
      const { id, result, lines, kept } = await upload(csv, 'csv', chunk);
      expect(lines).toEqual([
        [3, 'row'],
        [5, 'row'],
        [9, 'row'],
        [11, 'row'],
      ]);
      expect(result.errors[0]!.message).toBe('line longer than 1000000 bytes');
      expect(result.errors[1]!.message).toMatch(/^a quoted value opened on this line is not closed/);
      expect(result.errors[3]!.message).toBe('a quoted value opened on this line is never closed');
      expect(kept).toEqual(['a', 'c', 'e', 'f', 'h', 'j']);
      expect(result).toMatchObject({ accepted: 6, rejected: 4 });
      expect((await ledger.getAffectedUser(id, 'f'))?.name).toBe('Multi\r\nLine');
    },
    60_000,
  );

  it('reports a quote never closed among many good rows, and keeps all of them', async () => {
    const lines = ['userId,email', 'a,a@example.com', 'b,"b@example.com'];
    for (let i = 0; i < 5_000; i++) lines.push(`p${i},p${i}@example.com`);
    const id = await newIncident(ledger);
    const result = await importAffectedUsers(ledger, id, stream(lines.join('\n'), 4096), 'csv');
    expect(result.errors).toEqual([
      {
        line: 3,
        field: 'row',
        message: 'a quoted value opened on this line is not closed within 20 lines or 1000000 characters',
      },
    ]);
    expect(result).toMatchObject({ accepted: 5_001, rejected: 1 });
  });

  it('reports stray quotes in line order with the other errors', async () => {
    const csv = [
      'userId,email', // 1
      'a,a"@example.com', // 2 quote inside a value
      'b,b@example.com,x', // 3 one field too many
      'c,"c"@example.com', // 4 text after a closing quote
      'd,d@example.com', // 5
    ].join('\n');
    const { lines, kept } = await upload(csv, 'csv', 3);
    expect(lines).toEqual([
      [2, 'row'],
      [3, 'row'],
      [4, 'row'],
    ]);
    expect(kept).toEqual(['d']);
  });
});

describe('NDJSON lines that must be refused', () => {
  it('refuses a userId that is a JSON number, naming its line', async () => {
    const nd = ['{"userId": "a"}', '{"userId": 12345678901234567890}', '{"userId": "c"}'];
    const { result, kept } = await upload(nd.join('\n'), 'ndjson', 5);
    expect(result.errors).toEqual([
      { line: 2, field: 'userId', message: 'must be a JSON string, not a number' },
    ]);
    expect(kept).toEqual(['a', 'c']);
  });

  it.each([64, 65_536])(
    'reports a 1 MB line and keeps the lines after it (chunks of %i)',
    async (chunk) => {
      const nd = [
        JSON.stringify({ userId: 'a' }),
        JSON.stringify({ userId: 'b', name: HUGE }),
        JSON.stringify({ userId: 'c' }),
        '{"userId": "d", "name": "unclosed',
        JSON.stringify({ userId: 'e' }),
      ];
      const { result, lines, kept } = await upload(nd.join('\n'), 'ndjson', chunk);
      expect(lines).toEqual([
        [2, 'row'],
        [4, 'row'],
      ]);
      expect(result.errors[0]!.message).toBe('line longer than 1000000 bytes');
      expect(kept).toEqual(['a', 'c', 'e']);
    },
    60_000,
  );
});
