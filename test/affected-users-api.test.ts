// Uploading affected people through the API, on both ledgers, with the workflow re-assessing.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findTemporalCli } from '../platform/temporal-cli.js';
import { incidentWorkflowId } from '../workflows/incident-messages.js';
import { eventually, incidentRequest, startTestService, type TestService } from './support/service.js';

const csv = [
  'userId,name,email,phone,pushToken,locale,country,region,dataCategories',
  'u1,Ana Souza,Ana.Souza@Example.com,+351912345678,,pt-PT,PT,,email;phone',
  'u2,Li Wei,li.wei@example.cn,13800138000,tok-li,zh-CN,CN,,email',
  'u3,Bad Mail,not-an-email,,,en,US,US-CA,',
  'u4,Bad Phone,bad.phone@example.com,12,,en,US,US-CA,',
  ',No Id,noid@example.com,,,en,US,,',
  'u5,Unknown Country,uc@example.com,,,en,ZZ,,',
  'u6,Jo Bloggs,jo@example.co.uk,,tok-jo,en-GB,GB,,password',
  'u1,Ana Souza,,,,,,,name',
].join('\n');

describe.each(['sqlite', 'postgres'] as const)('affected-user upload (%s ledger)', (store) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ store });
  });
  afterAll(async () => {
    await svc?.close();
  });

  const upload = (id: string, body: string, type = 'text/csv') =>
    svc.app.inject({
      method: 'POST',
      url: `/v1/incidents/${id}/affected-users`,
      headers: { authorization: `Bearer ${svc.keys.responder}`, 'content-type': type },
      payload: body,
    });
  const open = async () => {
    const { json } = await svc.call('responder', 'POST', '/v1/incidents', incidentRequest());
    await svc.reachPhase(json.id, 'awaiting_approval');
    return json.id as string;
  };

  it('accepts good rows, reports bad ones by line and field, and the workflow re-assesses', async () => {
    const id = await open();
    const res = await upload(id, csv);
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({ accepted: 4, merged: 1, rejected: 4 });
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 4, field: 'email' }),
        expect.objectContaining({ line: 5, field: 'phone' }),
        expect.objectContaining({ line: 6, field: 'userId' }),
        expect.objectContaining({ line: 7, field: 'country' }),
      ]),
    );

    const view = await eventually(async () => {
      const r = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
      return r.json.assessment?.affected === 3 ? r.json : undefined;
    });
    expect(view.assessment.byCountry).toEqual({ PT: 1, CN: 1, GB: 1 });
    expect(view.assessment.reachable).toMatchObject({ email: 3, sms: 2, push: 2, none: 0 });
    expect(view.assessment.byRisk.high).toBe(1);

    const again = await upload(id, csv);
    expect(again.json()).toMatchObject({ accepted: 4, inserted: 0, updated: 0, rejected: 4 });
  });

  it('takes NDJSON too, and refuses other media types', async () => {
    const id = await open();
    const ndjson = [
      JSON.stringify({ userId: 'n1', email: 'n1@example.com', country: 'DE', locale: 'de' }),
      JSON.stringify({ userId: 'n2', phone: '+4915112345678', country: 'DE' }),
      '{not json',
    ].join('\n');
    const res = await upload(id, ndjson, 'application/x-ndjson');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 2, rejected: 1 });
    expect(res.json().errors[0].line).toBe(3);
    expect((await upload(id, ndjson, 'application/xml')).statusCode).toBe(415);
  });

  it('answers each unreadable line with its number, keeps the lines around it, and 400 for a bad header', async () => {
    const id = await open();
    const res = await upload(
      id,
      [
        'userId,email,country', // 1
        'b1,b1@example.com,DE', // 2
        'b2,b2@example.com', // 3 a field short
        'b3,"b3@example.com,DE', // 4 quote never closed
        'b4,b4@example.com,FR', // 5
      ].join('\n'),
    );
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 2, rejected: 2, inserted: 2 });
    expect(res.json().errors).toEqual([
      { line: 3, field: 'row', message: 'has 2 fields; the header has 3' },
      { line: 4, field: 'row', message: 'a quoted value opened on this line is never closed' },
    ]);
    const nd = await upload(id, '{"userId": 42}\n{"userId": "b5"}', 'application/x-ndjson');
    expect(nd.json().errors).toEqual([
      { line: 1, field: 'userId', message: 'must be a JSON string, not a number' },
    ]);

    const bad = await upload(id, 'name,email\nAna,a@example.com');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'invalid_file',
      issues: [{ path: '(body)', message: expect.stringMatching(/no userId column/) }],
    });
  });

  it('refuses an upload once notices have started (409) and for an unknown incident (404)', async () => {
    const id = await open();
    expect((await upload(id, csv)).statusCode).toBe(202);
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'go' });
    await eventually(async () => (await svc.ledger.getIncident(id))?.phase !== 'awaiting_approval');
    const late = await upload(id, csv);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/frozen/);
    expect((await upload('inc_unknown', csv)).statusCode).toBe(404);
  });

  it('keeps the uploaded emails and phone numbers out of the workflow history', async () => {
    const id = await open();
    await upload(id, csv);
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 3,
    );
    const cli = findTemporalCli()!;
    const history = execFileSync(
      cli,
      [
        'workflow',
        'show',
        '--address',
        inject('temporalAddress'),
        '-w',
        incidentWorkflowId(id),
        '-o',
        'json',
      ],
      {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      },
    );
    for (const secret of ['ana.souza@example.com', 'li.wei', '+351912345678', '8613800138000', 'tok-li']) {
      expect(history).not.toContain(secret);
    }
  });
});
