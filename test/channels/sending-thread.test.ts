import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannels, type Channels } from '../../activities/channels/index.js';
import { startFcmStub, type FcmStub } from '../../dev/fcm-stub.js';
import { startSmtpSink, type SmtpSink } from '../../dev/smtp-sink.js';
import { startTwilioServer, type TwilioServer } from '../../dev/twilio-server.js';
import { NOTICE_LINK, sampleNotice } from '../support/channel-fixtures.js';

const ACCESS_TOKEN = 'thread-access-token';
let fcm: FcmStub;
let twilio: TwilioServer;
let smtp: SmtpSink;
let channels: Channels;

beforeAll(async () => {
  [fcm, twilio, smtp] = await Promise.all([
    startFcmStub({ accessToken: ACCESS_TOKEN }),
    startTwilioServer(),
    startSmtpSink(),
  ]);
  channels = createChannels(
    {
      email: { smtpUrl: smtp.url, from: '"Acme Privacy" <privacy@acme.example>' },
      sms: {
        accountSid: twilio.accountSid,
        authToken: twilio.authToken,
        from: '+15550000000',
        apiBaseUrl: twilio.url,
        statusCallbackUrl: 'https://notify.acme.example/v1/callbacks/twilio',
      },
      push: {
        projectId: 'breach-notify-test',
        credentials: { accessToken: ACCESS_TOKEN },
        apiBaseUrl: fcm.url,
        caFile: fcm.caFile,
      },
    },
    { sendingThread: true },
  );
});
afterAll(async () => {
  await channels.close();
  await Promise.all([fcm.close(), twilio.close(), smtp.close()]);
});

describe('channels on a sending thread', () => {
  it('sends each channel through its SDK to the local servers and answers per item, in order', async () => {
    const notice = sampleNotice('fr');
    fcm.fail('dead-token', 'UNREGISTERED');
    const [push, sms, email] = await Promise.all([
      channels.push!.send([
        { key: 'p-1', token: 'token-1', ...notice.push, link: NOTICE_LINK },
        { key: 'p-2', token: 'dead-token', ...notice.push, link: NOTICE_LINK },
      ]),
      channels.sms!.send([{ key: 's-1', to: '+447700900123', body: notice.sms, callbackRef: 'ref-1' }]),
      channels.email!.send([
        { key: 'e-1', to: 'zoe@example.com', ...notice.email, messageId: '<n-1@acme.example>' },
      ]),
    ]);

    expect(push.map((r) => [r.key, r.outcome, r.deadToken ?? false])).toEqual([
      ['p-1', 'accepted', false],
      ['p-2', 'permanent', true],
    ]);
    expect(push[0]?.providerId).toMatch(/^projects\/breach-notify-test\/messages\//);
    expect(fcm.received.map((m) => m.token)).toEqual(['token-1']);

    expect(sms).toMatchObject([{ key: 's-1', outcome: 'accepted' }]);
    expect(sms[0]?.providerId).toBe(twilio.received[0]?.sid);
    expect(twilio.received[0]?.to).toBe('+447700900123');
    expect(channels.sms!.reportsStatus).toBe(true);

    expect(email).toMatchObject([{ key: 'e-1', outcome: 'accepted' }]);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.envelope.to).toEqual(['zoe@example.com']);
  });

  it('answers a send whose thread cannot start with an error instead of leaving it waiting', async () => {
    // Credentials that are not JSON fail as the thread builds the channels, before any send.
    const broken = createChannels(
      { push: { projectId: 'p', credentials: '{not json', apiBaseUrl: fcm.url, caFile: fcm.caFile } },
      { sendingThread: true },
    );
    const item = { key: 'p-1', token: 'token-1', title: 't', body: 'b' };
    await expect(broken.push!.send([item])).rejects.toThrow(/JSON/);
    // The next send starts a fresh thread, which fails the same way: an error each time, never a hang.
    await expect(broken.push!.send([item])).rejects.toThrow(/JSON/);
    await broken.close();
  });
});
