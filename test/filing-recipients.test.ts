import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRecipientDirectory, RecipientsFileError } from '../activities/filing-recipients.js';

const dir = mkdtempSync(join(tmpdir(), 'recipients-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: unknown): string {
  const path = join(dir, `recipients-${(n += 1)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const cnil = {
  id: 'fr-cnil',
  name: 'Commission nationale de l’informatique et des libertés',
  regime: 'eu_gdpr',
  territory: 'FR',
  adapter: 'portal',
  portalUrl: 'https://notifications.cnil.fr/',
  language: 'fr',
};
const bfdi = {
  id: 'de-bfdi',
  name: 'BfDI',
  regime: 'eu_gdpr',
  territory: 'DE',
  adapter: 'https',
  endpoint: 'https://meldung.bfdi.example/filings',
  credentialsRef: 'BFDI_TOKEN',
  language: 'de',
};
const edpbLead = {
  id: 'eu-lead',
  name: 'Lead authority',
  regime: 'eu_gdpr',
  adapter: 'email',
  address: 'lead@dpa.example',
};

function problems(content: unknown): string[] {
  try {
    loadRecipientDirectory({ file: file(content), development: false });
  } catch (e) {
    expect(e).toBeInstanceOf(RecipientsFileError);
    return (e as RecipientsFileError).problems;
  }
  throw new Error('expected the file to be refused');
}

describe('the recipients file', () => {
  it('finds the most specific recipient of a regime, and any by id', () => {
    const d = loadRecipientDirectory({
      file: file({ recipients: [cnil, bfdi, edpbLead] }),
      development: false,
    });
    expect(d.recipientFor('eu_gdpr', 'DE')?.id).toBe('de-bfdi');
    expect(d.recipientFor('eu_gdpr', 'IT')?.id).toBe('eu-lead');
    expect(d.recipientFor('cn_pipl')).toBeUndefined();
    expect(d.byId('fr-cnil')).toMatchObject({ adapter: 'portal', requiresApproval: false });
  });

  it('names the entry and the field that is wrong', () => {
    expect(problems({ recipients: [cnil, { ...bfdi, endpoint: undefined }] })).toEqual([
      'recipients[1] (id de-bfdi): endpoint: the https adapter needs endpoint',
    ]);
    expect(problems({ recipients: [{ ...cnil, credentialsRef: 'lower-case' }] })[0]).toMatch(
      /^recipients\[0\] \(id fr-cnil\): credentialsRef: /,
    );
    expect(problems({ recipients: [cnil, { ...bfdi, id: 'fr-cnil' }] })).toEqual([
      'recipients[1] (id fr-cnil): id: duplicate id',
    ]);
    expect(problems({ recipients: [{ ...cnil, extra: 1 }] })[0]).toMatch(
      /^recipients\[0\] \(id fr-cnil\): .*extra/,
    );
    expect(problems({ recipients: [] })[0]).toMatch(/^recipients: /);
    expect(problems('{ not json')[0]).toMatch(/^not JSON: /);
  });

  it('says so when the file cannot be read', () => {
    expect(() => loadRecipientDirectory({ file: join(dir, 'missing.json'), development: true })).toThrow(
      /missing\.json: cannot be read/,
    );
  });
});

describe('without a recipients file', () => {
  it('gives every regime a development stand-in, found again by id', () => {
    const d = loadRecipientDirectory({ development: true });
    const pipl = d.recipientFor('cn_pipl');
    expect(pipl).toMatchObject({
      id: 'dev-cn-pipl',
      adapter: 'email',
      address: 'cn-pipl@regulators.localhost',
    });
    expect(d.byId('dev-cn-pipl')).toEqual(pipl);
    const regional = d.recipientFor('us_hipaa', 'US-CA');
    expect(d.byId(regional!.id)).toEqual(regional);
    expect(d.byId('dev-nothing')).toBeUndefined();
  });

  it('has no recipient at all in production', () => {
    const d = loadRecipientDirectory({ development: false });
    expect(d.recipientFor('eu_gdpr', 'DE')).toBeUndefined();
    expect(d.byId('dev-eu-gdpr')).toBeUndefined();
  });
});
