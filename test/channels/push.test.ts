import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PushChannel, type PushItem } from '../../activities/channels/index.js';
import { startFcmStub, type FcmStub } from '../../dev/fcm-stub.js';
import { NOTICE_LINK, sampleNotice } from '../support/channel-fixtures.js';

const ACCESS_TOKEN = 'test-access-token';
let stub: FcmStub;
let channel: PushChannel;

beforeAll(async () => {
  stub = await startFcmStub({ accessToken: ACCESS_TOKEN });
  channel = new PushChannel({
    projectId: 'breach-notify-test',
    credentials: { accessToken: ACCESS_TOKEN },
    apiBaseUrl: stub.url,
    caFile: stub.caFile,
    maxConnections: 4,
  });
});
afterAll(async () => {
  await channel.close();
  await stub.close();
});
beforeEach(() => stub.reset());

function item(key: string, token: string, locale = 'en'): PushItem {
  const { push } = sampleNotice(locale);
  return { key, token, ...push, link: NOTICE_LINK };
}

describe('push channel through firebase-admin', () => {
  it.each(['en', 'zh-CN', 'es', 'fr'])(
    '%s: delivers title, body and link to the FCM endpoint',
    async (locale) => {
      const sent = item('r-1', 'token-1', locale);
      const [result] = await channel.send([sent]);
      expect(result?.outcome).toBe('accepted');
      expect(result?.providerId).toMatch(/^projects\/breach-notify-test\/messages\/[0-9a-f]+$/);
      const [msg] = stub.received;
      expect(msg?.projectId).toBe('breach-notify-test');
      expect(msg?.token).toBe('token-1');
      expect(msg?.notification).toEqual({ title: sent.title, body: sent.body });
      expect(msg?.data).toEqual({ link: NOTICE_LINK });
    },
  );

  it('reports dead tokens as permanent with deadToken, and other failures by class', async () => {
    stub.fail('dead-unregistered', 'UNREGISTERED');
    stub.fail('dead-invalid', 'INVALID_ARGUMENT');
    stub.fail('dead-sender', 'SENDER_ID_MISMATCH');
    stub.fail('busy', 'QUOTA_EXCEEDED');
    stub.fail('broken', 'INTERNAL');
    const results = await channel.send([
      item('ok', 'good-token'),
      item('unregistered', 'dead-unregistered'),
      item('invalid', 'dead-invalid'),
      item('sender', 'dead-sender'),
      item('busy', 'busy'),
      item('broken', 'broken'),
    ]);
    expect(results.map((r) => [r.key, r.outcome, r.code, r.deadToken ?? false])).toEqual([
      ['ok', 'accepted', undefined, false],
      ['unregistered', 'permanent', 'messaging/registration-token-not-registered', true],
      ['invalid', 'permanent', 'messaging/invalid-argument', true],
      ['sender', 'permanent', 'messaging/mismatched-credential', true],
      ['busy', 'retryable', 'messaging/message-rate-exceeded', false],
      ['broken', 'retryable', 'messaging/internal-error', false],
    ]);
    expect(stub.received.map((m) => m.token)).toEqual(['good-token']);
  });

  it(
    'classifies UNAVAILABLE as retryable after the SDK’s own retries give up',
    { timeout: 30_000 },
    async () => {
      stub.fail('down', 'UNAVAILABLE');
      const [result] = await channel.send([item('down', 'down')]);
      expect(result).toMatchObject({ outcome: 'retryable', code: 'messaging/server-unavailable' });
    },
  );

  it('recovers through the SDK’s retry when UNAVAILABLE is brief', async () => {
    stub.fail('blip', 'UNAVAILABLE', { times: 1 });
    const [result] = await channel.send([item('blip', 'blip')]);
    expect(result?.outcome).toBe('accepted');
  });

  it('splits more than 500 messages into batches and keeps results in order', async () => {
    stub.fail('t-250', 'UNREGISTERED');
    stub.fail('t-700', 'UNREGISTERED');
    const items = Array.from({ length: 750 }, (_, i) => item(`k-${i}`, `t-${i}`));
    const results = await channel.send(items);
    expect(results).toHaveLength(750);
    expect(results.map((r) => r.key)).toEqual(items.map((i) => i.key));
    expect(results.filter((r) => r.deadToken).map((r) => r.key)).toEqual(['k-250', 'k-700']);
    expect(stub.received).toHaveLength(748);
  });

  it('keeps at most `maxConnections` sends in flight', async () => {
    const slow = await startFcmStub({ latencyMs: 50 });
    const bounded = new PushChannel({
      projectId: 'breach-notify-test',
      credentials: { accessToken: 'any' },
      apiBaseUrl: slow.url,
      ca: slow.ca,
      maxConnections: 4,
    });
    try {
      const results = await bounded.send(Array.from({ length: 20 }, (_, i) => item(`k${i}`, `t${i}`)));
      expect(results.every((r) => r.outcome === 'accepted')).toBe(true);
      expect(slow.stats().peakInFlight).toBe(4);
    } finally {
      await bounded.close();
      await slow.close();
    }
  });

  it('treats a rejected access token as retryable for every item, not as dead tokens', async () => {
    const wrong = new PushChannel({
      projectId: 'breach-notify-test',
      credentials: { accessToken: 'wrong' },
      apiBaseUrl: stub.url,
      ca: stub.ca,
    });
    try {
      const results = await wrong.send([item('a', 'token-a'), item('b', 'token-b')]);
      expect(results.map((r) => [r.outcome, r.deadToken ?? false])).toEqual([
        ['retryable', false],
        ['retryable', false],
      ]);
    } finally {
      await wrong.close();
    }
  });

  it('refuses a stub whose certificate is not from the configured CA', async () => {
    const other = await startFcmStub();
    const mismatched = new PushChannel({
      projectId: 'breach-notify-test',
      credentials: { accessToken: ACCESS_TOKEN },
      apiBaseUrl: stub.url,
      ca: other.ca,
    });
    try {
      const [result] = await mismatched.send([item('a', 'token-a')]);
      expect(result?.outcome).toBe('retryable');
      expect(result?.code).toBe('app/network-error');
      expect(stub.received).toHaveLength(0);
    } finally {
      await mismatched.close();
      await other.close();
    }
  });
});
