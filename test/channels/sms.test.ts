import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmsChannel } from '../../activities/channels/index.js';
import {
  TwilioStatusCallback,
  twilioDeliveryState,
  verifyTwilioCallback,
} from '../../platform/twilio-callback.js';
import { startTwilioServer, type TwilioServer } from '../../dev/twilio-server.js';
import { NOTICE_LINK, sampleNotice } from '../support/channel-fixtures.js';
import { createServer, type Server } from 'node:http';

let server: TwilioServer;
let channel: SmsChannel;
const FROM = '+15005550006';

beforeAll(async () => {
  server = await startTwilioServer();
  channel = new SmsChannel({
    accountSid: server.accountSid,
    authToken: server.authToken,
    from: FROM,
    apiBaseUrl: server.url,
    statusCallbackUrl: 'https://notify.acme.example/webhooks/twilio/status',
    concurrency: 3,
  });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('SMS channel through the twilio SDK', () => {
  it.each(['en', 'zh-CN', 'es', 'fr'])(
    '%s: sends the rendered SMS and returns the message sid',
    async (locale) => {
      const body = sampleNotice(locale).sms;
      const [result] = await channel.send([{ key: 'r-1', to: '+447700900123', body }]);
      expect(result?.outcome).toBe('accepted');
      expect(result?.providerId).toMatch(/^SM[0-9a-f]{32}$/);
      expect(server.received).toHaveLength(1);
      const [msg] = server.received;
      expect(msg?.sid).toBe(result?.providerId);
      expect(msg?.to).toBe('+447700900123');
      expect(msg?.from).toBe(FROM);
      expect(msg?.body).toBe(body);
      expect(msg?.body.endsWith(NOTICE_LINK)).toBe(true);
      expect(msg?.statusCallback).toBe('https://notify.acme.example/webhooks/twilio/status');
    },
  );

  it('sends through a Messaging Service when configured', async () => {
    const viaService = new SmsChannel({
      accountSid: server.accountSid,
      authToken: server.authToken,
      messagingServiceSid: 'MG' + 'a'.repeat(32),
      apiBaseUrl: server.url,
    });
    const [result] = await viaService.send([{ key: 'k', to: '+447700900124', body: 'hello' }]);
    expect(result?.outcome).toBe('accepted');
    expect(server.received[0]?.messagingServiceSid).toBe('MG' + 'a'.repeat(32));
    expect(server.received[0]?.from).toBeUndefined();
  });

  it('classifies each failure class from the wire', async () => {
    server.fail('+447700900001', { kind: 'rate-limit', retryAfterSeconds: 7 });
    server.fail('+447700900002', { kind: 'server', status: 503 });
    server.fail('+447700900003', { kind: 'rejected', code: 21610 });
    server.fail('+447700900004', { kind: 'rejected', code: 21614 });
    server.fail('+447700900005', {
      kind: 'rejected',
      code: 21408,
      message: 'Permission to send an SMS has not been enabled for the region',
    });
    const results = await channel.send([
      { key: 'ok', to: '+447700900000', body: 'hello' },
      { key: 'rate', to: '+447700900001', body: 'hello' },
      { key: 'down', to: '+447700900002', body: 'hello' },
      { key: 'stop', to: '+447700900003', body: 'hello' },
      { key: 'landline', to: '+447700900004', body: 'hello' },
      { key: 'region', to: '+447700900005', body: 'hello' },
      { key: 'invalid', to: '12345', body: 'hello' },
    ]);
    expect(results.map((r) => [r.key, r.outcome, r.code])).toEqual([
      ['ok', 'accepted', undefined],
      ['rate', 'retryable', '20429'],
      ['down', 'retryable', '20500'],
      ['stop', 'permanent', '21610'],
      ['landline', 'permanent', '21614'],
      ['region', 'permanent', '21408'],
      ['invalid', 'permanent', '21211'],
    ]);
    expect(results[1]?.retryAfterMs).toBe(7000);
    expect(results[2]?.retryAfterMs).toBeUndefined();
    expect(results[6]?.message).toContain('not a valid phone number');
    expect(server.received.map((m) => m.to)).toEqual(['+447700900000']);
  });

  it('treats rejected credentials as retryable, not as a dead number', async () => {
    const wrong = new SmsChannel({
      accountSid: server.accountSid,
      authToken: 'wrong',
      from: FROM,
      apiBaseUrl: server.url,
    });
    const [result] = await wrong.send([{ key: 'k', to: '+447700900000', body: 'hello' }]);
    expect(result).toMatchObject({ outcome: 'retryable', code: '20003' });
  });

  it('treats an unreachable API as retryable', async () => {
    const down = new SmsChannel({
      accountSid: server.accountSid,
      authToken: server.authToken,
      from: FROM,
      apiBaseUrl: 'http://127.0.0.1:1',
    });
    const [result] = await down.send([{ key: 'k', to: '+447700900000', body: 'hello' }]);
    expect(result?.outcome).toBe('retryable');
    expect(result?.code).toBe('ECONNREFUSED');
  });

  it('gives up on an API that does not answer, as a retryable failure', async () => {
    const silent = createServer(() => {
      // Reads the request and never answers.
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const slow = new SmsChannel({
        accountSid: server.accountSid,
        authToken: server.authToken,
        from: FROM,
        apiBaseUrl: `http://127.0.0.1:${(silent.address() as { port: number }).port}`,
        timeoutMs: 200,
      });
      const [result] = await slow.send([{ key: 'k', to: '+447700900000', body: 'hello' }]);
      expect(result).toMatchObject({ outcome: 'retryable', code: 'ETIMEDOUT' });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const slow = await startTwilioServer({ latencyMs: 60 });
    try {
      const bounded = new SmsChannel({
        accountSid: slow.accountSid,
        authToken: slow.authToken,
        from: FROM,
        apiBaseUrl: slow.url,
        concurrency: 3,
      });
      const items = Array.from({ length: 10 }, (_, i) => ({
        key: `k${i}`,
        to: `+4477009001${10 + i}`,
        body: 'hello',
      }));
      const results = await bounded.send(items);
      expect(results.map((r) => r.key)).toEqual(items.map((i) => i.key));
      expect(results.every((r) => r.outcome === 'accepted')).toBe(true);
      expect(slow.stats().peakInFlight).toBe(3);
    } finally {
      await slow.close();
    }
  });

  it('refuses a configuration with both or neither sender', () => {
    expect(() => new SmsChannel({ accountSid: server.accountSid, authToken: 'x' })).toThrow(/exactly one/);
  });
});

describe('Twilio status callbacks', () => {
  const url = 'https://notify.acme.example/webhooks/twilio/status';
  const params = {
    AccountSid: 'AC' + '1'.repeat(32),
    MessageSid: 'SM' + 'f'.repeat(32),
    MessageStatus: 'undelivered',
    ErrorCode: '30005',
    To: '+447700900123',
    SmsStatus: 'undelivered',
  };

  it('accepts a valid signature and refuses a forged or altered one', () => {
    const token = 'the-auth-token';
    const signature = twilio.getExpectedTwilioSignature(token, url, params);
    expect(verifyTwilioCallback(url, params, signature, token)).toBe(true);
    expect(verifyTwilioCallback(url, { ...params, MessageStatus: 'delivered' }, signature, token)).toBe(
      false,
    );
    expect(verifyTwilioCallback(url, params, signature, 'another-token')).toBe(false);
    expect(verifyTwilioCallback(url + '?x=1', params, signature, token)).toBe(false);
    expect(verifyTwilioCallback(url, params, 'forged', token)).toBe(false);
    expect(verifyTwilioCallback(url, params, undefined, token)).toBe(false);
  });

  it('parses the callback body and maps the status', () => {
    const parsed = TwilioStatusCallback.parse(params);
    expect(parsed.ErrorCode).toBe(30005);
    expect(parsed.SmsStatus).toBe('undelivered');
    expect(twilioDeliveryState(parsed.MessageStatus)).toBe('failed');
    expect(twilioDeliveryState('delivered')).toBe('delivered');
    expect(twilioDeliveryState('sent')).toBe('pending');
    expect(TwilioStatusCallback.safeParse({ ...params, MessageSid: 'nope' }).success).toBe(false);
    expect(TwilioStatusCallback.safeParse({ ...params, MessageStatus: 'exploded' }).success).toBe(false);
  });

  it('verifies a callback the local server signs and posts over HTTP', async () => {
    let receiver: Server | undefined;
    const verdicts: boolean[] = [];
    try {
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
          const publicUrl = `http://127.0.0.1:${(receiver?.address() as { port: number }).port}${req.url}`;
          const ok = verifyTwilioCallback(
            publicUrl,
            form,
            req.headers['x-twilio-signature'] as string,
            server.authToken,
          );
          verdicts.push(ok && TwilioStatusCallback.safeParse(form).success);
          res.writeHead(ok ? 204 : 403).end();
        });
      });
      await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
      const port = (receiver.address() as { port: number }).port;
      const withCallback = new SmsChannel({
        accountSid: server.accountSid,
        authToken: server.authToken,
        from: FROM,
        apiBaseUrl: server.url,
        statusCallbackUrl: `http://127.0.0.1:${port}/webhooks/twilio/status`,
      });
      const [sent, withRef] = await withCallback.send([
        { key: 'k', to: '+447700900123', body: 'hello' },
        { key: 'r', to: '+447700900124', body: 'hello', callbackRef: 'sealed-ref_1' },
      ]);
      expect(server.received.find((m) => m.sid === withRef?.providerId)?.statusCallback).toBe(
        `http://127.0.0.1:${port}/webhooks/twilio/status?d=sealed-ref_1`,
      );
      expect(await server.sendStatusCallback(sent?.providerId as string, 'delivered')).toBe(204);
      // Twilio signs the URL with its query, and the receiver checks it so.
      expect(await server.sendStatusCallback(withRef?.providerId as string, 'delivered')).toBe(204);
      expect(verdicts).toEqual([true, true]);
    } finally {
      await new Promise((resolve) => receiver?.close(resolve));
    }
  });
});
