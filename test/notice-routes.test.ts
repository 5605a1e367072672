// The routes people and providers reach: a person's signed notice page, and Twilio's status callbacks.
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealDeliveryRef } from '../domain/delivery-ref.js';
import { signNoticeLink } from '../domain/notice/link.js';
import { loadChannelSettings } from '../platform/channel-config.js';
import { incidentRequest, startTestService, type TestService } from './support/service.js';
import { claimOne, recordOne } from './support/deliveries.js';

const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'webhook-test-token',
  TWILIO_FROM: '+15005550006',
  TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
  PUBLIC_BASE_URL: 'https://notify.example.com',
};

let svc: TestService;
let incidentId: string;
let linkRef: number;
beforeAll(async () => {
  svc = await startTestService({ env: TWILIO });
  const { json } = await svc.call(
    'responder',
    'POST',
    '/v1/incidents',
    incidentRequest({ title: 'Exposed <backup> bucket', dataCategories: ['email', 'password'] }),
  );
  incidentId = json.id;
  await svc.reachPhase(incidentId, 'awaiting_approval');
  await svc.uploadAffectedUsers(
    incidentId,
    'userId,name,email,locale,country,dataCategories\nu-17,Li Wei,li@example.cn,zh-CN,CN,password\n',
  );
  linkRef = (await svc.ledger.getAffectedUser(incidentId, 'u-17'))!.linkRef;
});
afterAll(async () => {
  await svc?.close();
});

const linkSecret = () =>
  loadChannelSettings({ ...TWILIO, NODE_ENV: 'test', DATA_DIR: svc.config.DATA_DIR }).linkSecret;

describe('the signed notice page', () => {
  const link = (expiresAt: Date) =>
    signNoticeLink({ incidentId, linkRef, noticeVersion: 1, expiresAt }, linkSecret());

  it('shows the person their notice in their language, with incident text escaped', async () => {
    const res = await svc.app.inject({ method: 'GET', url: `/n/${link(new Date(Date.now() + 86_400_000))}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('Exposed &lt;backup&gt; bucket');
    expect(res.body).not.toContain('<backup>');
    expect(res.body).not.toContain('li@example.cn');
  });

  it('says a link expired (410) or is not genuine (404)', async () => {
    const expired = await svc.app.inject({ method: 'GET', url: `/n/${link(new Date(Date.now() - 1000))}` });
    expect(expired.statusCode).toBe(410);
    const token = link(new Date(Date.now() + 86_400_000));
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect((await svc.app.inject({ method: 'GET', url: `/n/${tampered}` })).statusCode).toBe(404);
  });
});

describe('Twilio status callbacks', () => {
  const url = `${TWILIO.PUBLIC_BASE_URL}/webhooks/twilio/status`;
  const sid = `SM${'a'.repeat(32)}`;
  const post = (params: Record<string, string>, signature: string) =>
    svc.app.inject({
      method: 'POST',
      url: '/webhooks/twilio/status',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      payload: new URLSearchParams(params).toString(),
    });

  it('records a delivery receipt with a valid signature and refuses a forged one with 403', async () => {
    const key = { incidentId, userId: 'u-17', channel: 'sms' as const, noticeVersion: 1 };
    expect(await claimOne(svc.ledger, key)).toBe('claimed');
    await recordOne(svc.ledger, key, { status: 'accepted', providerId: sid });

    const params = { MessageSid: sid, MessageStatus: 'delivered', AccountSid: TWILIO.TWILIO_ACCOUNT_SID };
    const forged = await post(params, twilio.getExpectedTwilioSignature('wrong-token', url, params));
    expect(forged.statusCode).toBe(403);
    expect((await svc.ledger.getDelivery(key))?.status).toBe('accepted');

    const genuine = await post(
      params,
      twilio.getExpectedTwilioSignature(TWILIO.TWILIO_AUTH_TOKEN, url, params),
    );
    expect(genuine.statusCode).toBe(204);
    expect((await svc.ledger.getDelivery(key))?.status).toBe('delivered');
  });

  it('finds the delivery by the reference in its URL, even before the worker recorded the acceptance', async () => {
    const key = { incidentId, userId: 'ada@example.com', channel: 'sms' as const, noticeVersion: 2 };
    expect(await claimOne(svc.ledger, key)).toBe('claimed');
    const ref = sealDeliveryRef(key, linkSecret());
    const path = `/webhooks/twilio/status?d=${ref}`;
    const params = {
      MessageSid: sid.replace(/a/g, 'c'),
      MessageStatus: 'delivered',
      AccountSid: TWILIO.TWILIO_ACCOUNT_SID,
    };
    const signed = (p: Record<string, string>, at = path) =>
      svc.app.inject({
        method: 'POST',
        url: at,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(
            TWILIO.TWILIO_AUTH_TOKEN,
            `${TWILIO.PUBLIC_BASE_URL}${at}`,
            p,
          ),
        },
        payload: new URLSearchParams(p).toString(),
      });
    // Without the reference (a message sent before references) the sid alone names nothing yet.
    const legacy = await post(
      params,
      twilio.getExpectedTwilioSignature(TWILIO.TWILIO_AUTH_TOKEN, url, params),
    );
    expect(legacy.statusCode).toBe(204);
    expect((await svc.ledger.getDelivery(key))?.status).toBe('claimed');
    expect((await signed(params)).statusCode).toBe(204);
    expect(await svc.ledger.getDelivery(key)).toMatchObject({
      status: 'delivered',
      providerId: params.MessageSid,
    });

    // A late receipt of an earlier message of a delivery (sent again after a crash) leaves the later one's alone.
    const key3 = { ...key, noticeVersion: 3 };
    await claimOne(svc.ledger, key3);
    await recordOne(svc.ledger, key3, { status: 'accepted', providerId: params.MessageSid });
    const at3 = `/webhooks/twilio/status?d=${sealDeliveryRef(key3, linkSecret())}`;
    const late = await signed(
      { ...params, MessageSid: sid.replace(/a/g, 'f'), MessageStatus: 'undelivered' },
      at3,
    );
    expect(late.statusCode).toBe(204);
    expect((await svc.ledger.getDelivery(key3))?.status).toBe('accepted');
    expect((await signed(params, at3)).statusCode).toBe(204);
    expect(await svc.ledger.getDelivery(key3)).toMatchObject({
      status: 'delivered',
      providerId: params.MessageSid,
    });

    // A reference that does not open (sealed with a secret since retired): Twilio signed the
    // callback, so it still counts, found by the message's sid.
    const key4 = { ...key, noticeVersion: 4 };
    await claimOne(svc.ledger, key4);
    const sid4 = sid.replace(/a/g, 'd');
    await recordOne(svc.ledger, key4, { status: 'accepted', providerId: sid4 });
    const retired = await signed(
      { ...params, MessageSid: sid4 },
      `/webhooks/twilio/status?d=${sealDeliveryRef(key4, 'a-retired-secret-that-is-at-least-32-bytes')}`,
    );
    expect(retired.statusCode).toBe(204);
    expect((await svc.ledger.getDelivery(key4))?.status).toBe('delivered');
  });
});
