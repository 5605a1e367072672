// The routes people and providers reach: a person's signed notice page, and Twilio's status callbacks.
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signNoticeLink } from '../domain/notice/link.js';
import { loadChannelSettings } from '../platform/channel-config.js';
import { incidentRequest, startTestService, type TestService } from './support/service.js';

const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'webhook-test-token',
  TWILIO_FROM: '+15005550006',
  TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
  PUBLIC_BASE_URL: 'https://notify.example.com',
};

let svc: TestService;
let incidentId: string;
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
});
afterAll(async () => {
  await svc?.close();
});

describe('the signed notice page', () => {
  const secret = () =>
    loadChannelSettings({ ...TWILIO, NODE_ENV: 'test', DATA_DIR: svc.config.DATA_DIR }).linkSecret;
  const link = (expiresAt: Date) =>
    signNoticeLink({ incidentId, recipientRef: 'u-17', noticeVersion: 1, expiresAt }, secret());

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
    expect(await svc.ledger.claimDelivery(key)).toBe('claimed');
    await svc.ledger.recordDeliveryOutcome(key, { status: 'accepted', providerId: sid });

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
});
