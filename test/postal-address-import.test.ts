// Postal addresses in affected-user files: CSV columns and an NDJSON `address` object, normalised per
// country, each problem reported with its line and field; stored with the contact data and purged with it.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAffectedUser } from '../domain/affected-user.js';
import { importAffectedUsers, type ImportFormat } from '../store/affected-user-import.js';
import type { Ledger } from '../store/ledger.js';
import { newIncident, openTestStore, type TestStore } from './support/stores.js';

let store: TestStore;
let ledger: Ledger;
beforeAll(async () => {
  store = await openTestStore('sqlite');
  ledger = store.ledger;
});
afterAll(async () => {
  await store?.cleanup();
});

async function upload(text: string, format: ImportFormat) {
  const id = await newIncident(ledger);
  const result = await importAffectedUsers(ledger, id, Readable.from([Buffer.from(text)]), format);
  return { id, result, problems: result.errors.map((e) => [e.line, e.field, e.message]) };
}

describe('postal addresses in uploads', () => {
  it('normalises CSV address columns per country and names the line and field of each problem', async () => {
    const csv = [
      'userId,name,country,region,addressLine1,addressLine2,city,postalCode,addressRegion',
      'u1,Ann,GB,,10 Downing Street,,London,sw1a2aa,',
      'u2,Bob,US,US-CA,185  Berry St,Suite 6100,San Francisco,941071234,',
      'u3,Cy,US,,1 Main St,,Springfield,12345,',
      'u4,Di,DE,,Musterstraße 1,,Berlin,1011,',
      'u5,Ed,JP,,1-1 Chiyoda,,Tokyo,1000001,',
      'u6,Flo,FR,,,,Paris,75001,',
    ].join('\n');
    const { id, result, problems } = await upload(csv, 'csv');
    expect(problems).toEqual([
      [4, 'addressRegion', 'is required for US (or a region column)'],
      [5, 'postalCode', '"1011" is not a postal code of DE'],
      [7, 'addressLine1', 'is required with an address'],
    ]);
    expect(result.accepted).toBe(3);
    expect((await ledger.getAffectedUser(id, 'u1'))?.postalAddress).toEqual({
      line1: '10 Downing Street',
      city: 'London',
      postalCode: 'SW1A 2AA',
      country: 'GB',
    });
    expect((await ledger.getAffectedUser(id, 'u2'))?.postalAddress).toEqual({
      line1: '185 Berry St',
      line2: 'Suite 6100',
      city: 'San Francisco',
      postalCode: '94107-1234',
      region: 'CA',
      country: 'US',
    });
    expect((await ledger.getAffectedUser(id, 'u5'))?.postalAddress?.postalCode).toBe('100-0001');
    const counts = await ledger.assess(id);
    expect(counts.reachable).toMatchObject({ letter: 3, none: 0 });

    // Addresses are contact data: the purge erases them with the rest.
    await ledger.purgePersonalData(id);
    expect((await ledger.getAffectedUser(id, 'u1'))?.postalAddress).toBeUndefined();
  });

  it('reads an NDJSON address object, refusing unknown keys and a second country', async () => {
    const ndjson = [
      JSON.stringify({
        userId: 'n1',
        country: 'CA',
        address: { line1: '1 Rue A', city: 'Montréal', postalCode: 'h2x1y4', region: 'qc' },
      }),
      JSON.stringify({
        userId: 'n2',
        address: { line1: '5 Rd', city: 'Sydney', postalCode: '2000', state: 'NSW', country: 'AU' },
      }),
      JSON.stringify({
        userId: 'n3',
        country: 'US',
        address: { line1: '1 St', city: 'X', zip: '1', state: 'NY', floor: 3 },
      }),
      JSON.stringify({
        userId: 'n4',
        country: 'US',
        address: { line1: '1 St', city: 'X', zip: '10001', state: 'NY', country: 'CA' },
      }),
      JSON.stringify({ userId: 'n5', address: ['1 St'] }),
    ].join('\n');
    const { id, problems } = await upload(ndjson, 'ndjson');
    expect(problems).toEqual([
      [3, 'address', 'unknown key "floor"'],
      [3, 'postalCode', '"1" is not a postal code of US'],
      [4, 'address', "country CA differs from the row's country US"],
      [5, 'address', 'must be an object such as {"line1", "city", "postalCode"}'],
    ]);
    expect((await ledger.getAffectedUser(id, 'n1'))?.postalAddress).toEqual({
      line1: '1 Rue A',
      city: 'Montréal',
      postalCode: 'H2X 1Y4',
      region: 'QC',
      country: 'CA',
    });
    // The address's own country stands for the row's when the row has none.
    expect(await ledger.getAffectedUser(id, 'n2')).toMatchObject({
      country: 'AU',
      postalAddress: { region: 'NSW' },
    });
  });

  it('needs no address at all', () => {
    expect(parseAffectedUser({ userId: 'x', email: 'x@example.com' })).toEqual({
      ok: true,
      user: { userId: 'x', email: 'x@example.com' },
    });
  });
});
