import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannels, noticeMessageId } from '../../activities/channels/index.js';
import { verifyTwilioCallback } from '../../platform/twilio-callback.js';
import { renderOutboxPage } from '../../dev/outbox-page.js';
import { startDevProviders, type DevProviders } from '../../dev/providers.js';
import { NOTICE_LINK, sampleNotice } from '../support/channel-fixtures.js';

let dev: DevProviders;
let receiver: Server;
const callbacks: { valid: boolean; status: string | undefined }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
      const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}${req.url}`;
      const valid = verifyTwilioCallback(
        url,
        form,
        req.headers['x-twilio-signature'] as string,
        dev.twilio.authToken,
      );
      callbacks.push({ valid, status: form.MessageStatus });
      res.writeHead(valid ? 204 : 403).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  dev = await startDevProviders({
    statusCallbackUrl: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/webhooks/twilio/status`,
    deliverAfterMs: 50,
  });
});
afterAll(async () => {
  await dev.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('development providers', () => {
  it('carry a notice on every channel and list it on the outbox page', async () => {
    const notice = sampleNotice('fr');
    const channels = createChannels(dev.channels);
    try {
      const [email] = await channels.email!.send([
        {
          key: 'e',
          to: 'zoe@example.com',
          ...notice.email,
          messageId: noticeMessageId({
            incidentId: 'i',
            recipientRef: 'r',
            noticeVersion: 1,
            domain: 'localhost',
          }),
        },
      ]);
      const [sms] = await channels.sms!.send([{ key: 's', to: '+33612345678', body: notice.sms }]);
      const [push] = await channels.push!.send([
        { key: 'p', token: 'device-1', ...notice.push, link: NOTICE_LINK },
      ]);
      expect([email?.outcome, sms?.outcome, push?.outcome]).toEqual(['accepted', 'accepted', 'accepted']);

      const page = renderOutboxPage({
        email: dev.smtp.received,
        sms: dev.twilio.received,
        push: dev.fcm.received,
      });
      expect(page).toContain('Development mode');
      expect(page).toContain('Email (1)');
      expect(page).toContain('SMS (1)');
      expect(page).toContain('Push (1)');
      expect(page).toContain('Notification de violation de données');
      expect(page).toContain('+33612345678');
      expect(page).toContain(`href="${NOTICE_LINK}"`);
      await expect
        .poll(() => callbacks.map((c) => c.status), { timeout: 5000 })
        .toEqual(['sent', 'delivered']);
      expect(callbacks.every((c) => c.valid)).toBe(true);
    } finally {
      await channels.close();
    }
  });

  it('export the same settings as environment variables, which the channels accept as given', async () => {
    expect(Object.keys(dev.env).sort()).toEqual([
      'FCM_API_BASE_URL',
      'FCM_CA_FILE',
      'FCM_CREDENTIALS',
      'FCM_PROJECT_ID',
      'SMTP_URL',
      'TWILIO_ACCOUNT_SID',
      'TWILIO_API_BASE_URL',
      'TWILIO_AUTH_TOKEN',
      'TWILIO_FROM',
    ]);
    const channels = createChannels({
      push: {
        projectId: dev.env.FCM_PROJECT_ID as string,
        credentials: dev.env.FCM_CREDENTIALS,
        apiBaseUrl: dev.env.FCM_API_BASE_URL,
        caFile: dev.env.FCM_CA_FILE,
      },
    });
    try {
      expect(channels.email).toBeUndefined();
      const [push] = await channels.push!.send([{ key: 'p', token: 'device-2', title: 't', body: 'b' }]);
      expect(push?.outcome).toBe('accepted');
    } finally {
      await channels.close();
    }
  });

  it('escape what they show', () => {
    const page = renderOutboxPage({
      email: [],
      sms: [
        {
          sid: 'SMx',
          accountSid: 'AC',
          to: '<script>',
          from: undefined,
          messagingServiceSid: undefined,
          body: '<img src=x onerror=alert(1)>',
          statusCallback: undefined,
          receivedAt: new Date(),
        },
      ],
      push: [],
    });
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
  });
});
