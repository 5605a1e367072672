// SMS delivery receipts end to end: the worker sends through the local Twilio server with a sealed
// delivery reference in each message's status callback URL; that server signs and posts Twilio's
// callbacks to the API listening on a real port, which records them against each delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeliveryRef } from '../domain/delivery-ref.js';
import { loadChannelSettings } from '../platform/channel-config.js';
import { freePort } from '../platform/temporal-server.js';
import {
  approve,
  notified,
  openIncident,
  person,
  startFanoutRig,
  type FanoutRig,
} from './support/fanout-fixtures.js';

let rig: FanoutRig;
let port: number;
beforeAll(async () => {
  port = await freePort();
  rig = await startFanoutRig({
    TWILIO_STATUS_CALLBACK_URL: `http://127.0.0.1:${port}/webhooks/twilio/status?tenant=acme`,
  });
  await rig.svc.app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await rig?.close();
});

describe('SMS delivery receipts', () => {
  it('find their delivery by the reference sealed in the callback URL', async () => {
    const people = Array.from({ length: 6 }, (_, i) => person(900 + i, { phone: true }));
    const id = await openIncident(rig.svc, people, { severity: 'low' });
    const { twilio } = rig.providers;
    await approve(rig.svc, id);
    await notified(rig.svc, id);

    const sent = twilio.received.filter((m) => people.some((p) => p.phone === m.to));
    expect(sent).toHaveLength(6);
    const linkSecret = loadChannelSettings({
      ...rig.providers.env,
      NODE_ENV: 'test',
      DATA_DIR: rig.svc.config.DATA_DIR,
    }).linkSecret;
    for (const m of sent) {
      const url = new URL(m.statusCallback!);
      expect(url.searchParams.get('tenant')).toBe('acme');
      // The reference names the delivery and nothing a reader of Twilio's logs could use.
      const ref = openDeliveryRef(url.searchParams.get('d')!, [linkSecret]);
      const owner = people.find((p) => p.phone === m.to)!;
      expect(ref).toEqual({ incidentId: id, userId: owner.userId, channel: 'sms', noticeVersion: 1 });
      expect(m.statusCallback).not.toContain(owner.userId);
    }

    const [first, second, ...rest] = sent;
    expect(await twilio.sendStatusCallback(first!.sid, 'delivered')).toBe(204);
    expect(await twilio.sendStatusCallback(second!.sid, 'undelivered', 30006)).toBe(204);
    for (const m of rest) expect(await twilio.sendStatusCallback(m.sid, 'sent')).toBe(204);

    const status = async (to: string) => {
      const userId = people.find((p) => p.phone === to)!.userId;
      return rig.svc.ledger.getDelivery({ incidentId: id, userId, channel: 'sms', noticeVersion: 1 });
    };
    expect(await status(first!.to)).toMatchObject({ status: 'delivered', providerId: first!.sid });
    expect(await status(second!.to)).toMatchObject({ status: 'failed_permanent', errorCode: '30006' });
    for (const m of rest) expect((await status(m.to))?.status).toBe('accepted');

    const { json } = await rig.svc.call('responder', 'GET', `/v1/incidents/${id}`);
    expect(json.notices.sms).toMatchObject({ delivered: 1, failed: 1 });
  });

  it('records a receipt whose reference does not open by its message sid, since Twilio signed it', async () => {
    const { twilio } = rig.providers;
    const people = [person(950, { phone: true })];
    const id = await openIncident(rig.svc, people, { severity: 'low' });
    await approve(rig.svc, id);
    await notified(rig.svc, id);
    const sent = twilio.received.find((m) => m.to === people[0]!.phone)!;
    // As if sealed with a secret since retired: the URL Twilio holds carries a reference that does not open.
    twilio.received.unshift({
      ...sent,
      statusCallback: sent.statusCallback!.replace(/d=[^&]+/, `d=AQ${'A'.repeat(60)}`),
    });
    expect(await twilio.sendStatusCallback(sent.sid, 'delivered')).toBe(204);
    const key = { incidentId: id, userId: people[0]!.userId, channel: 'sms' as const, noticeVersion: 1 };
    expect(await rig.svc.ledger.getDelivery(key)).toMatchObject({
      status: 'delivered',
      providerId: sent.sid,
    });
  });
});
