// The international scenarios of test/scenarios/international.ts end to end: each opens an incident, uploads
// its people, records its judgements through the API and reads the obligations GET /v1/incidents/:id lists,
// computed by the workflow on a real Temporal server. One service for the whole suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNATIONAL_SCENARIOS, type IntlScenario } from './scenarios/international.js';
import { startTestService, type TestService } from './support/service.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc?.close();
});

interface Listed {
  id: string;
  status: string;
  dueAt: string | null;
  judgementsNeeded: string[];
}

type View = {
  assessment?: { affected: number };
  obligations?: Listed[];
  obligationSummary?: { judgementsBlocking: IntlScenario['blocking'] };
};

function csv(people: Record<string, number>): string {
  const rows = ['userId,email,country,region'];
  for (const [country, n] of Object.entries(people)) {
    const cc = country.toLowerCase();
    for (let i = 0; i < n; i++) rows.push(`${cc}${i},${cc}${i}@example.com,${country},`);
  }
  return rows.join('\n');
}

function matches(s: IntlScenario, view: View, total: number): boolean {
  if (view.assessment?.affected !== total || !view.obligations) return false;
  return Object.entries(s.expect).every(([id, want]) => {
    const o = view.obligations!.find((x) => x.id === id);
    return (
      o !== undefined &&
      o.status === want.status &&
      (want.dueAt === undefined || o.dueAt === want.dueAt) &&
      (want.needs ?? []).every((k) => o.judgementsNeeded.includes(k))
    );
  });
}

/** Polls until the view shows what the scenario expects, or returns the last view so the assertions explain. */
async function settle(id: string, s: IntlScenario, total: number): Promise<View> {
  const deadline = Date.now() + 60_000;
  let view: View = {};
  while (Date.now() < deadline) {
    view = (await svc.call('approver', 'GET', `/v1/incidents/${id}`)).json as View;
    if (matches(s, view, total)) return view;
    await new Promise((r) => setTimeout(r, 250));
  }
  return view;
}

describe('international scenarios through the API', () => {
  it('has at least 30 dated scenarios', () => {
    expect(INTERNATIONAL_SCENARIOS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(INTERNATIONAL_SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const discovered = Date.parse(s.discoveredAt);
    const id = await svc.openIncident({
      discoveredAt: s.discoveredAt,
      occurredFrom: new Date(discovered - 2 * 86_400_000).toISOString(),
      occurredTo: new Date(discovered - 3_600_000).toISOString(),
      dataCategories: s.dataCategories,
      ...(s.attributes ? { attributes: s.attributes } : {}),
    });
    const total = Object.values(s.people).reduce((a, b) => a + b, 0);
    const upload = await svc.uploadAffectedUsers(id, csv(s.people));
    expect(upload.json().accepted).toBe(total);
    for (const j of s.judgements ?? []) {
      const r = await svc.call('approver', 'POST', `/v1/incidents/${id}/judgements`, {
        ...j,
        reason: `Scenario finding: ${j.kind}`,
      });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
    }

    const view = await settle(id, s, total);
    const byId = Object.fromEntries((view.obligations ?? []).map((o) => [o.id, o]));
    for (const [oid, want] of Object.entries(s.expect)) {
      const o = byId[oid];
      expect(o, `${oid} listed`).toBeDefined();
      expect(o?.status, `${oid} status`).toBe(want.status);
      if (want.dueAt !== undefined) expect(o?.dueAt, `${oid} dueAt`).toBe(want.dueAt);
      for (const k of want.needs ?? []) expect(o?.judgementsNeeded, `${oid} needs`).toContain(k);
    }
    for (const b of s.blocking ?? []) {
      expect(view.obligationSummary?.judgementsBlocking).toContainEqual(b);
    }
  });
});
