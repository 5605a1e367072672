// The breach register (issue 17, point 9): every incident, notified or not, with its facts, effects,
// decisions and their reasons, filings and notices sent; as JSON and CSV (parsed back with csv-parse),
// filtered by discovery date, and the same after the retention purge. The ledger is written the way
// the API and the workflow's activities write it; the register route reads it through the real API.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIncidentActivities } from '../activities/incident.js';
import { OpenIncidentRequest } from '../domain/incident.js';
import { recordJudgement } from '../domain/obligations/judgement.js';
import type { Ledger } from '../store/ledger.js';
import { claimOne, recordOne } from './support/deliveries.js';
import { RECIPIENT_OF, startRegulatorApi, type RegulatorApi } from './support/regulator-api.js';
import { incidentRequest } from './support/service.js';
import { STORE_KINDS } from './support/stores.js';

async function judge(ledger: Ledger, incidentId: string, kind: 'risk', value: boolean, reason: string) {
  const judgement = recordJudgement(
    { kind, value, reason },
    '2026-11-20T12:00:00.000Z',
    'approver:key-approver',
  );
  await ledger.appendAudit({
    incidentId,
    at: judgement.decidedAt,
    actor: judgement.decidedBy,
    action: `judgement:${kind}`,
    reason,
    details: { judgement },
  });
}

/** Notified: three people, two emails accepted, one unreachable; a GDPR filing submitted and acknowledged. */
async function notifiedIncident(ledger: Ledger): Promise<string> {
  const { incident } = await ledger.createIncident({
    id: 'inc_notified',
    facts: OpenIncidentRequest.parse(incidentRequest({ title: 'Exposed backup bucket' })),
    createdBy: 'responder:key-responder',
  });
  const id = incident.id;
  await ledger.upsertAffectedUsers(id, [
    { userId: 'u1', name: 'Ada Example', email: 'ada@example.com', country: 'DE' },
    { userId: 'u2', name: 'Bo Example', email: 'bo@example.com', country: 'DE' },
    { userId: 'u3', name: 'Chen Example', country: 'CN' },
  ]);
  await ledger.assess(id);
  await judge(ledger, id, 'risk', true, 'Contact data of customers was readable by anyone');
  await ledger.appendAudit({
    incidentId: id,
    actor: 'approver:key-approver',
    action: 'incident:approved',
    reason: 'notices checked',
  });
  for (const userId of ['u1', 'u2']) {
    const key = { incidentId: id, userId, channel: 'email' as const, noticeVersion: 1 };
    await claimOne(ledger, key);
    await recordOne(ledger, key, { status: 'accepted', providerId: `<${userId}@smtp>` });
  }
  const u3 = { incidentId: id, userId: 'u3', channel: 'email' as const, noticeVersion: 1 };
  await claimOne(ledger, u3);
  await recordOne(ledger, u3, { status: 'unreachable', reason: 'no contact data' });
  await ledger.saveFiling({
    id: `${id}.eu_gdpr.regulator_report.initial`,
    incidentId: id,
    regime: 'eu_gdpr',
    phase: 'initial',
    status: 'acknowledged',
    recipient: RECIPIENT_OF.bfdi,
    payload: { sections: {} },
    receipt: { adapter: 'email', at: '2026-11-20T13:00:00.000Z', reference: '<gdpr@smtp>', detail: {} },
    submittedAt: '2026-11-20T13:00:00.000Z',
    dueAt: '2026-11-23T08:30:00.000Z',
    acknowledgement: { by: 'key-bfdi', at: '2026-11-21T09:00:00.000Z', reference: 'BfDI-42' },
    acknowledgedAt: '2026-11-21T09:00:00.000Z',
  });
  return id;
}

/** Not notified: judged no risk, then cancelled; nobody uploaded, nothing filed. */
async function quietIncident(ledger: Ledger): Promise<string> {
  const { incident } = await ledger.createIncident({
    id: 'inc_quiet',
    facts: OpenIncidentRequest.parse(
      incidentRequest({
        title: 'Lost encrypted laptop',
        discoveredAt: '2026-10-02T09:00:00Z',
        occurredFrom: '2026-10-01T18:00:00Z',
        occurredTo: '2026-10-01T19:00:00Z',
        dataCategories: ['email'],
        severity: 'low',
        measuresTaken: '=HYPERLINK("https://example.com","remote wipe")',
      }),
    ),
    createdBy: 'responder:key-responder',
  });
  await judge(ledger, incident.id, 'risk', false, 'The disk was encrypted and the key was not with it');
  await ledger.setIncidentPhase(incident.id, 'cancelled', '2026-10-03T09:00:00.000Z');
  await ledger.appendAudit({
    incidentId: incident.id,
    actor: 'responder:key-responder',
    action: 'incident:cancelled',
    reason: 'not notifiable: encrypted device',
  });
  return incident.id;
}

describe.each(STORE_KINDS)('breach register (%s)', (kind) => {
  let api: RegulatorApi;
  let notified: string;
  let quiet: string;

  beforeAll(async () => {
    api = await startRegulatorApi(kind);
    notified = await notifiedIncident(api.ledger);
    quiet = await quietIncident(api.ledger);
  });
  afterAll(async () => api?.close());

  const register = async (query = '') => {
    const res = await api.request('approver', 'GET', `/v1/register${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('lists a notified and a not-notified incident with facts, effects, decisions, filings and notices', async () => {
    const { items } = await register();
    expect(items.map((e: { incidentId: string }) => e.incidentId)).toEqual([quiet, notified]);
    const [q, n] = items;
    expect(n).toMatchObject({
      facts: { title: 'Exposed backup bucket', discoveredAt: '2026-11-20T08:30:00Z', severity: 'high' },
      effects: { affected: 3, byCountry: { DE: 2, CN: 1 } },
      filings: [
        {
          regime: 'eu_gdpr',
          phase: 'initial',
          status: 'acknowledged',
          submittedAt: '2026-11-20T13:00:00.000Z',
          receiptReference: '<gdpr@smtp>',
          acknowledgementReference: 'BfDI-42',
        },
      ],
      notices: { notified: true, sent: 2, unreachable: 1, byChannel: { email: { sent: 2, unreachable: 1 } } },
    });
    expect(n.facts.dataCategories).toEqual(['email', 'phone', 'name']);
    expect(n.decisions).toEqual([
      expect.objectContaining({
        action: 'judgement:risk',
        judgement: { kind: 'risk', value: true, regime: null },
        reason: 'Contact data of customers was readable by anyone',
      }),
      expect.objectContaining({ action: 'incident:approved', by: 'approver:key-approver' }),
    ]);
    expect(q).toMatchObject({
      phase: 'cancelled',
      effects: null,
      filings: [],
      notices: { notified: false, sent: 0 },
      decisions: [
        { action: 'judgement:risk', judgement: { value: false } },
        { action: 'incident:cancelled', reason: 'not notifiable: encrypted device' },
      ],
    });
    // Nothing of the affected people: no names, no addresses.
    expect(JSON.stringify(items)).not.toMatch(/Ada|ada@example|Chen/);
  });

  it('answers CSV, one row per incident, that parses back', async () => {
    for (const [query, accept] of [
      ['', 'text/csv'],
      ['?format=csv', undefined],
    ] as const) {
      const res = await api.request('responder', 'GET', `/v1/register${query}`, accept ? { accept } : {});
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const rows = parse(res.body, { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.incident_id)).toEqual([quiet, notified]);
      const n = rows[1]!;
      expect(n).toMatchObject({
        title: 'Exposed backup bucket',
        data_categories: 'email;phone;name',
        affected: '3',
        notified: 'true',
        notices_sent: '2',
      });
      expect(n.affected_by_country).toMatch(/DE=2/);
      expect(n.decisions).toMatch(/judgement risk=true: Contact data of customers was readable by anyone/);
      expect(n.filings).toMatch(/eu_gdpr\/initial acknowledged .*receipt <gdpr@smtp> acknowledged BfDI-42/);
      expect(rows[0]).toMatchObject({ notified: 'false', notices_sent: '0', affected: '' });
      // A formula typed as text stays text in a spreadsheet.
      expect(rows[0]!.measures_taken).toBe(`'=HYPERLINK("https://example.com","remote wipe")`);
    }
  });

  it('filters by discovery date and names a bad bound', async () => {
    expect(
      (await register('?from=2026-11-01')).items.map((e: { incidentId: string }) => e.incidentId),
    ).toEqual([notified]);
    expect((await register('?to=2026-10-02')).items.map((e: { incidentId: string }) => e.incidentId)).toEqual(
      [quiet],
    );
    expect((await register('?from=2026-12-01')).items).toEqual([]);
    const bad = await api.request('approver', 'GET', '/v1/register?from=last-week');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['from']);
    const reversed = await api.request('approver', 'GET', '/v1/register?from=2026-11-02&to=2026-11-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['to']);
  });

  it('is for responders and approvers', async () => {
    expect((await api.request(null, 'GET', '/v1/register')).statusCode).toBe(401);
    expect((await api.request('bfdi', 'GET', '/v1/register')).statusCode).toBe(403);
    expect((await api.request('admin', 'GET', '/v1/register')).statusCode).toBe(200);
  });

  it('still lists both the same way after the personal data is purged', async () => {
    const before = (await register()).items;
    const { purgePersonalData } = createIncidentActivities(api.ledger);
    expect(await purgePersonalData(notified)).toEqual({ purged: 3 });
    expect(await purgePersonalData(quiet)).toEqual({ purged: 0 });
    expect((await api.ledger.getAffectedUser(notified, 'u1'))?.email ?? null).toBeNull();

    const after = (await register()).items;
    expect(after.map((e: { incidentId: string }) => e.incidentId)).toEqual([quiet, notified]);
    for (const [i, entry] of after.entries()) {
      expect(entry.purgedAt).toEqual(expect.any(String));
      const { purgedAt: _p, decisions, effects, ...rest } = entry;
      const { purgedAt: _b, decisions: earlier, effects: earlierEffects, ...restBefore } = before[i];
      expect(rest).toEqual(restBefore);
      // The purge records the counts again (the same numbers; zero where nobody was uploaded) and is
      // itself a decision in the register.
      const counts = (e: { affected: number; byCountry: object } | null) =>
        e ? { affected: e.affected, byCountry: e.byCountry } : { affected: 0, byCountry: {} };
      expect(counts(effects)).toEqual(counts(earlierEffects));
      expect(decisions.slice(0, -1)).toEqual(earlier);
      expect(decisions.at(-1)).toMatchObject({ action: 'retention:purge', by: 'system' });
    }
  });
});
