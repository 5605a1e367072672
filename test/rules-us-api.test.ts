// The US state scenarios of test/scenarios/us-states.ts through the API, on one service with a real Temporal
// server: open the incident, upload the affected people, record the judgements, read the obligations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { US_SCENARIOS, type UsScenario } from './scenarios/us-states.js';
import { eventually, startTestService, type TestService } from './support/service.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc?.close();
});

type Obligation = { id: string; status: string; dueAt: string | null };

function csv(s: UsScenario, n: number): string {
  const rows = ['userId,email,country,region'];
  for (const [place, count] of Object.entries(s.people)) {
    const [code, asCountry] = place.split(':');
    for (let i = 0; i < count; i++) {
      const user = `s${n}-${code}-${i}`;
      rows.push(`${user},${user}@example.com,${asCountry ? code : 'US'},${asCountry ? '' : `US-${code}`}`);
    }
  }
  return rows.join('\n');
}

function mismatches(s: UsScenario, obligations: Obligation[]): string[] {
  const byId = new Map(obligations.map((o) => [o.id, o]));
  const out: string[] = [];
  for (const [id, want] of Object.entries(s.expect)) {
    const got = byId.get(id);
    const status = !got
      ? 'absent'
      : ['due', 'overdue', 'needs_judgement'].includes(got.status)
        ? 'open'
        : got.status;
    if (status !== want.status) out.push(`${id}: status ${got?.status ?? 'absent'}, want ${want.status}`);
    if (got && want.dueAt !== undefined && got.dueAt !== want.dueAt)
      out.push(`${id}: dueAt ${got.dueAt}, want ${want.dueAt}`);
  }
  return out;
}

describe('US state obligations through the API', () => {
  it('has at least 30 dated scenarios, each naming its date', () => {
    expect(US_SCENARIOS.length).toBeGreaterThanOrEqual(30);
    for (const s of US_SCENARIOS) expect(s.name).toContain(s.discoveredAt.slice(0, 10));
  });

  it.each(US_SCENARIOS.map((s, n) => [s.name, s, n] as const))('%s', async (_name, s, n) => {
    const discovered = Date.parse(s.discoveredAt);
    const id = await svc.openIncident({
      discoveredAt: s.discoveredAt,
      occurredFrom: new Date(discovered - 2 * 86_400_000).toISOString(),
      occurredTo: new Date(discovered - 3_600_000).toISOString(),
      dataCategories: s.categories,
      attributes: { dataEncrypted: s.encrypted ?? false },
    });
    const total = Object.values(s.people).reduce((a, b) => a + b, 0);
    const upload = await svc.uploadAffectedUsers(id, csv(s, n));
    expect(upload.json().accepted).toBe(total);
    for (const j of s.judgements ?? []) {
      const r = await svc.call('approver', 'POST', `/v1/incidents/${id}/judgements`, {
        ...j,
        reason: `scenario finding: ${j.kind}`,
      });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
    }
    let last: Obligation[] = [];
    await eventually(async () => {
      const view = (await svc.call('approver', 'GET', `/v1/incidents/${id}`)).json;
      if (view.assessment?.affected !== total) return undefined;
      last = view.obligations as Obligation[];
      return mismatches(s, last).length === 0;
    }).catch(() => undefined);
    expect(mismatches(s, last)).toEqual([]);
  });
});
