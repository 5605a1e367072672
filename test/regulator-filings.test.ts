// Regulators as users (issue 17, point 7): a regulator key lists and reads only its recipient's
// filings, gets the report as PDF, acknowledges a filing through the filing workflow's Update, gets
// 404 for another recipient's filing and 403 on every other authenticated route. The filings are
// written to the ledger directly; the filing workflow is a stand-in (test/support/stand-in-filing-
// workflow.ts) on a real Temporal server until the real one (workflows/filing.ts) lands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys, sha256Hex } from '../api/api-keys.js';
import { filingWorkflowId } from '../domain/filing/filing.js';
import { OpenIncidentRequest } from '../domain/incident.js';
import { filingStateQuery } from '../workflows/filing-messages.js';
import { RECIPIENT_OF, startRegulatorApi, type RegulatorApi } from './support/regulator-api.js';
import { incidentRequest } from './support/service.js';
import { startStandInFilings, type StandInFilings } from './support/stand-in-filing-worker.js';

function report(filingId: string, incidentId: string) {
  return {
    schema: 'gdpr.regulator_report.initial/1',
    filingId,
    incidentId,
    regime: 'eu_gdpr',
    phase: 'initial',
    recipient: RECIPIENT_OF.bfdi,
    language: 'de',
    generatedAt: '2026-11-20T10:00:00.000Z',
    sections: { nature_of_breach: 'A backup bucket was readable without authentication.', approx_people: 3 },
    changes: [],
  };
}

describe('regulator keys in BREACH_API_KEYS', () => {
  const hash = sha256Hex('k');
  it('require a recipient for role regulator and refuse one for other roles', () => {
    expect(() => parseApiKeys(JSON.stringify([{ id: 'r', role: 'regulator', sha256: hash }]))).toThrow(
      /BREACH_API_KEYS\[0\.recipient\]: a regulator key must name its recipient/,
    );
    expect(() =>
      parseApiKeys(JSON.stringify([{ id: 'r', role: 'responder', sha256: hash, recipient: 'bfdi-de' }])),
    ).toThrow(/BREACH_API_KEYS\[0\.recipient\]: only a regulator key is bound to a recipient/);
    expect(() =>
      parseApiKeys(JSON.stringify([{ id: 'r', role: 'regulator', sha256: hash, recipient: 'Not An Id' }])),
    ).toThrow(/BREACH_API_KEYS\[0\.recipient\]/);
    expect(
      parseApiKeys(JSON.stringify([{ id: 'r', role: 'regulator', sha256: hash, recipient: 'bfdi-de' }])),
    ).toEqual([{ id: 'r', role: 'regulator', sha256: hash, recipient: 'bfdi-de' }]);
  });
});

describe('regulator routes', () => {
  let api: RegulatorApi;
  let filings: StandInFilings;
  let incidentId: string;
  const ids = { bfdiOld: '', bfdiNew: '', cnil: '' };

  beforeAll(async () => {
    api = await startRegulatorApi('sqlite');
    const { incident } = await api.ledger.createIncident({
      id: 'inc_regulators',
      facts: OpenIncidentRequest.parse(incidentRequest()),
      createdBy: 'responder:key-responder',
    });
    incidentId = incident.id;
    ids.bfdiOld = `${incidentId}.eu_gdpr.regulator_report.initial.DE`;
    ids.bfdiNew = `${incidentId}.eu_gdpr.regulator_report.supplement.DE`;
    ids.cnil = `${incidentId}.eu_gdpr.regulator_report.initial.FR`;
    const base = { incidentId, regime: 'eu_gdpr', dueAt: '2026-11-23T08:30:00.000Z' };
    await api.ledger.saveFiling({
      ...base,
      id: ids.bfdiOld,
      phase: 'initial',
      status: 'submitted',
      recipient: RECIPIENT_OF.bfdi,
      payload: report(ids.bfdiOld, incidentId),
      reportHash: 'ab'.repeat(32),
      receipt: { adapter: 'email', at: '2026-11-20T10:01:00.000Z', reference: '<r1@smtp>', detail: {} },
      submittedAt: '2026-11-20T10:01:00.000Z',
      at: '2026-11-20T10:00:00.000Z',
    });
    await api.ledger.saveFiling({
      ...base,
      id: ids.bfdiNew,
      phase: 'supplement',
      status: 'draft',
      recipient: RECIPIENT_OF.bfdi,
      payload: null,
      at: '2026-11-21T10:00:00.000Z',
    });
    await api.ledger.saveFiling({
      ...base,
      id: ids.cnil,
      phase: 'initial',
      status: 'submitted',
      recipient: RECIPIENT_OF.cnil,
      payload: report(ids.cnil, incidentId),
      at: '2026-11-20T11:00:00.000Z',
    });

    filings = await startStandInFilings(api);
    await filings.start(ids.bfdiOld, 'submitted', base.dueAt);
    await filings.start(ids.cnil, 'submitted', base.dueAt);
  });

  afterAll(async () => {
    await filings?.stop();
    await api?.close();
  });

  it('lists only the key’s recipient’s filings, newest first, page by page', async () => {
    const all = (await api.request('bfdi', 'GET', '/v1/filings')).json();
    expect(all.items.map((f: { id: string }) => f.id)).toEqual([ids.bfdiNew, ids.bfdiOld]);
    expect(all.nextCursor).toBeNull();
    const first = (await api.request('bfdi', 'GET', '/v1/filings?limit=1')).json();
    expect(first.items.map((f: { id: string }) => f.id)).toEqual([ids.bfdiNew]);
    const second = (
      await api.request('bfdi', 'GET', `/v1/filings?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).json();
    expect(second.items.map((f: { id: string }) => f.id)).toEqual([ids.bfdiOld]);
    expect(second.nextCursor).toBeNull();

    const cnil = (await api.request('cnil', 'GET', '/v1/filings')).json();
    expect(cnil.items.map((f: { id: string }) => f.id)).toEqual([ids.cnil]);
    // Filtering by incident does not widen what a regulator sees.
    const byIncident = (await api.request('cnil', 'GET', `/v1/filings?incident=${incidentId}`)).json();
    expect(byIncident.items.map((f: { id: string }) => f.id)).toEqual([ids.cnil]);
  });

  it('lets responders list an incident’s filings, naming the incident parameter when it is missing', async () => {
    const listed = (await api.request('responder', 'GET', `/v1/filings?incident=${incidentId}`)).json();
    expect(listed.items).toHaveLength(3);
    const missing = await api.request('approver', 'GET', '/v1/filings');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.issues).toEqual([{ path: 'incident', message: expect.any(String) }]);
  });

  it('reads its own filing with the report and the live state', async () => {
    const res = await api.request('bfdi', 'GET', `/v1/filings/${ids.bfdiOld}`);
    expect(res.statusCode).toBe(200);
    const filing = res.json();
    expect(filing).toMatchObject({
      id: ids.bfdiOld,
      incidentId,
      regime: 'eu_gdpr',
      phase: 'initial',
      status: 'submitted',
      dueAt: '2026-11-23T08:30:00.000Z',
      submittedAt: '2026-11-20T10:01:00.000Z',
      reportHash: 'ab'.repeat(32),
      receipt: { adapter: 'email', reference: '<r1@smtp>' },
      acknowledgement: null,
      live: true,
    });
    expect(filing.report.sections.nature_of_breach).toMatch(/backup bucket/);
  });

  it('answers the report as PDF when asked for it', async () => {
    const res = await api.request('bfdi', 'GET', `/v1/filings/${ids.bfdiOld}`, { accept: 'application/pdf' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const draft = await api.request('bfdi', 'GET', `/v1/filings/${ids.bfdiNew}`, {
      accept: 'application/pdf',
    });
    expect(draft.statusCode).toBe(409);
  });

  it('answers 404, not 403, for another recipient’s filing, as for one that does not exist', async () => {
    for (const url of [`/v1/filings/${ids.cnil}`, '/v1/filings/inc_nope.eu_gdpr.regulator_report.initial']) {
      const res = await api.request('bfdi', 'GET', url);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      const pdf = await api.request('bfdi', 'GET', url, { accept: 'application/pdf' });
      expect(pdf.statusCode).toBe(404);
    }
    const ack = await api.request('bfdi', 'POST', `/v1/filings/${ids.cnil}/acknowledge`, {
      body: { reference: 'BfDI-1' },
    });
    expect(ack.statusCode).toBe(404);
  });

  it('acknowledges through the workflow; responders see the reference and the questions', async () => {
    const bad = await api.request('bfdi', 'POST', `/v1/filings/${ids.bfdiOld}/acknowledge`, {
      body: { questions: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['reference']);
    const notRegulator = await api.request('responder', 'POST', `/v1/filings/${ids.bfdiOld}/acknowledge`, {
      body: { reference: 'R-1' },
    });
    expect(notRegulator.statusCode).toBe(403);

    const body = { reference: 'BfDI-2026-0042', questions: 'When will the final report follow?' };
    const res = await api.request('bfdi', 'POST', `/v1/filings/${ids.bfdiOld}/acknowledge`, { body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      filingId: ids.bfdiOld,
      status: 'acknowledged',
      acknowledgement: { by: api.keyId.bfdi, ...body },
    });
    // The same request again (a client's retry) is the same Update, not a second acknowledgement.
    const retry = await api.request('bfdi', 'POST', `/v1/filings/${ids.bfdiOld}/acknowledge`, { body });
    expect(retry.statusCode).toBe(200);
    const other = await api.request('bfdi', 'POST', `/v1/filings/${ids.bfdiOld}/acknowledge`, {
      body: { reference: 'BfDI-2026-0043' },
    });
    expect(other.statusCode).toBe(409);

    const state = await api.client.workflow.getHandle(filingWorkflowId(ids.bfdiOld)).query(filingStateQuery);
    expect(state.acknowledgement).toMatchObject(body);
    const seen = (await api.request('responder', 'GET', `/v1/filings?incident=${incidentId}`)).json();
    const acknowledged = seen.items.find((f: { id: string }) => f.id === ids.bfdiOld);
    expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledgement: body });
    const audit = await api.ledger.listAudit(incidentId);
    const entries = audit.filter((a) => a.action === 'filing:acknowledged');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: `regulator:${api.keyId.bfdi}`,
      reason: body.questions,
      details: { filingId: ids.bfdiOld, reference: body.reference },
    });
  });

  it('answers 409 when the filing’s workflow is not running', async () => {
    const res = await api.request('bfdi', 'POST', `/v1/filings/${ids.bfdiNew}/acknowledge`, {
      body: { reference: 'BfDI-9' },
    });
    expect(res.statusCode).toBe(409);
  });

  it('gives a regulator key 403 on every other authenticated route, and 401 without a key', async () => {
    const doc = (await api.request(null, 'GET', '/openapi.json')).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    type Op = { responses: Record<string, { content: Record<string, unknown> }> };
    const op = (path: string) => doc.paths[path]!.get as unknown as Op;
    expect(Object.keys(op('/v1/filings/{id}').responses['200']!.content)).toEqual([
      'application/json',
      'application/pdf',
    ]);
    expect(Object.keys(op('/v1/register').responses['200']!.content)).toEqual([
      'application/json',
      'text/csv',
    ]);
    const walked: string[] = [];
    for (const [route, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (op.security?.length === 0) continue;
        if (route.startsWith('/v1/filings')) continue;
        // Every key may ask which role it carries; the console asks before it offers anything.
        if (route === '/v1/whoami') continue;
        const url = route.replace(/\{[^}]+\}/g, incidentId);
        const verb = method.toUpperCase() as 'GET' | 'POST';
        for (const caller of ['bfdi', 'cnil'] as const) {
          const res = await api.request(caller, verb, url, verb === 'POST' ? { body: {} } : {});
          expect(res.statusCode, `${caller} ${verb} ${route}`).toBe(403);
        }
        expect((await api.request(null, verb, url)).statusCode, `anonymous ${verb} ${route}`).toBe(401);
        walked.push(`${verb} ${route}`);
      }
    }
    expect(walked).toEqual(
      expect.arrayContaining([
        'GET /v1/incidents',
        'POST /v1/incidents',
        'GET /v1/incidents/{id}',
        'POST /v1/incidents/{id}/affected-users',
        'POST /v1/incidents/{id}/approve',
        'POST /v1/incidents/{id}/judgements',
        'GET /v1/incidents/{id}/deliveries',
        'GET /v1/incidents/{id}/audit',
        'GET /v1/register',
      ]),
    );
  });
});
