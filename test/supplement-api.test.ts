// A supplemental notice: new facts after the first notices go out as notice version 2, once per person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeMails, startFanoutRig, type FanoutRig } from './support/fanout-fixtures.js';
import { incidentWorkflowId, stateQuery } from '../workflows/incident-messages.js';
import { eventually } from './support/service.js';

let rig: FanoutRig;
beforeAll(async () => {
  rig = await startFanoutRig();
});
afterAll(async () => {
  await rig?.close();
});

describe('supplemental notices', () => {
  it('sends the next notice version with the new facts to the people, and is refused before the first notices', async () => {
    const { svc, providers } = rig;
    const id = await svc.openIncident({ severity: 'medium' });
    const update = {
      description: 'Forensics found the bucket was also copied by a second party on 19 November.',
      note: 'new finding',
    };
    expect((await svc.call('responder', 'POST', `/v1/incidents/${id}/updates`, update)).status).toBe(409);
    expect(
      (await svc.call('responder', 'POST', `/v1/incidents/${id}/updates`, { note: 'nothing new' })).status,
    ).toBe(400);

    await svc.uploadAffectedUsers(
      id,
      'userId,email,pushToken,country\ns1,s1@example.com,,DE\ns2,s2@example.com,,FR\ns3,s3@example.com,,US\ns4,,dead-token,GB\n',
    );
    // s4's only contact is a push token the provider says is no longer registered.
    providers.fcm.fail('dead-token', 'UNREGISTERED');
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 4,
    );
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'go' });
    await svc.reachPhase(id, 'monitoring');
    expect(noticeMails(providers)).toHaveLength(3);

    const sent = await svc.call('responder', 'POST', `/v1/incidents/${id}/updates`, update);
    expect(sent.status).toBe(202);
    expect(sent.json.noticeVersion).toBe(2);
    const mails = await eventually(async () => {
      const m = noticeMails(providers);
      return m.length >= 6 ? m : undefined;
    });
    const second = mails.slice(3);
    expect(second.map((m) => m.envelope.to[0]).sort()).toEqual([
      's1@example.com',
      's2@example.com',
      's3@example.com',
    ]);
    for (const m of second) expect(m.text).toContain('copied by a second party');
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(6);

    const v2 = await eventually(async () => {
      const r = await svc.call(
        'responder',
        'GET',
        `/v1/incidents/${id}/deliveries?noticeVersion=2&status=accepted`,
      );
      return r.json.items.length === 3 ? r.json.items : undefined;
    });
    expect(v2.every((d: { noticeVersion: number }) => d.noticeVersion === 2)).toBe(true);
    const view = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
    expect(view.json.supplements).toEqual([expect.objectContaining({ version: 2, note: 'new finding' })]);
    expect(view.json.facts.description).toBe(update.description);
    // The dead push token was removed after version 1, so version 2 did not try it again.
    const s4 = await svc.call('responder', 'GET', `/v1/incidents/${id}/deliveries?channel=push`);
    const byVersion = Object.fromEntries(
      s4.json.items.map((d: { noticeVersion: number }) => [d.noticeVersion, d]),
    );
    expect(byVersion[1]).toMatchObject({ userId: 's4', status: 'unreachable' });
    expect(byVersion[2]).toMatchObject({ userId: 's4', status: 'unreachable', attempts: 0 });
    expect((await svc.ledger.getAffectedUser(id, 's4'))?.pushTokenDead).toBe(true);
    // Nothing sent twice: still exactly six messages after the fan-out settled.
    await new Promise((r) => setTimeout(r, 500));
    expect(noticeMails(providers)).toHaveLength(6);
  });

  it('corrected data categories change the obligations the workflow keeps, not only what GET shows', async () => {
    const { svc } = rig;
    const id = await svc.openIncident({ severity: 'medium', dataCategories: ['name'] });
    await svc.uploadAffectedUsers(id, 'userId,email,country,region\nc1,c1@example.com,US,US-CA\n');
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 1,
    );
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'go' });
    await svc.reachPhase(id, 'monitoring');
    const california = 'us_california.individual_notice.notification';
    const statusIn = (obligations: Array<{ id: string; status: string }>) =>
      obligations.find((o) => o.id === california)?.status;
    const workflowState = () => svc.client.workflow.getHandle(incidentWorkflowId(id)).query(stateQuery);
    // A name alone is not personal information under California's breach law.
    expect(statusIn((await workflowState()).obligations)).toBe('not_required');

    const sent = await svc.call('responder', 'POST', `/v1/incidents/${id}/updates`, {
      dataCategories: ['name', 'national_id'],
      note: 'social security numbers were in the export too',
    });
    expect(sent.status).toBe(202);
    const state = await workflowState();
    expect(state.dataCategories).toEqual(['name', 'national_id']);
    expect(statusIn(state.obligations)).not.toBe('not_required');
    const view = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
    expect(statusIn(view.json.obligations)).toBe(statusIn(state.obligations));
  });
});
