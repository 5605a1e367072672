// Calls and quiet hours end to end: the worker calls through the local Twilio server, which posts
// signed call status callbacks to the API on a real port; unanswered calls are tried again after
// VOICE_RETRY_AFTER, then the next channel takes over. An SMS to a person in their quiet hours waits
// in the ledger as `scheduled` until the window opens, then goes out.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AffectedUser } from '../domain/affected-user.js';
import { freePort } from '../platform/temporal-server.js';
import type { NoticeChannel as Channel } from '../domain/fallback.js';
import {
  approve,
  notified,
  openIncident,
  startFanoutRig,
  type FanoutRig,
} from './support/fanout-fixtures.js';
import { eventually } from './support/service.js';

let rig: FanoutRig;
let port: number;
/** When the quiet hours configured for this run end (UTC, the zone of people without a country). */
let quietEndsAt: number;

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

beforeAll(async () => {
  port = await freePort();
  // Quiet hours that began a minute ago and end at least 25 seconds from now, in UTC.
  const now = Date.now();
  const nextMinute = Math.ceil((now + 1) / 60_000) * 60_000;
  quietEndsAt = nextMinute - now >= 25_000 ? nextMinute : nextMinute + 60_000;
  rig = await startFanoutRig({
    TWILIO_VOICE_FROM: '+15005550006',
    TWILIO_VOICE_STATUS_CALLBACK_URL: `http://127.0.0.1:${port}/webhooks/twilio/call-status`,
    VOICE_CALLBACK_NUMBER: '+18005550199',
    VOICE_RETRIES: '1',
    VOICE_RETRY_AFTER: '2s',
    NOTICE_ORDER_DEFAULT: 'first:voice,push',
    NOTICE_ORDER_HIGH: 'all:sms',
    QUIET_HOURS: 'on',
    QUIET_HOURS_START: hhmm(now - 60_000),
    QUIET_HOURS_END: hhmm(quietEndsAt),
  });
  await rig.svc.app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await rig?.close();
});

async function status(incidentId: string, userId: string, channel: Channel) {
  return (await rig.svc.ledger.getDelivery({ incidentId, userId, channel, noticeVersion: 1 }))?.status;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'Say' });

describe('quiet hours', () => {
  it('hold an SMS as scheduled until the person’s window opens, then send it', async () => {
    const people: AffectedUser[] = [{ userId: 'qh-cat', locale: 'en', phone: '+447700900555' }];
    const { twilio } = rig.providers;
    const id = await openIncident(rig.svc, people, { severity: 'high' });
    await approve(rig.svc, id);
    await eventually(async () => (await status(id, 'qh-cat', 'sms')) === 'scheduled', { timeoutMs: 60_000 });
    expect(Date.now()).toBeLessThan(quietEndsAt);
    expect(twilio.received.filter((m) => m.to === '+447700900555')).toHaveLength(0);
    const counts = await rig.svc.ledger.deliveryCounts(id, { noticeVersion: 1 });
    expect(counts.channels.sms.scheduled).toBe(1);

    await notified(rig.svc, id);
    const sent = twilio.received.filter((m) => m.to === '+447700900555');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.receivedAt.getTime()).toBeGreaterThanOrEqual(quietEndsAt);
    expect(await status(id, 'qh-cat', 'sms')).toBe('accepted');
  }, 240_000);
});

describe('notice calls', () => {
  it('read the script in the person’s language, retry an unanswered call, then fall back to push', async () => {
    // Tokyo is at midday while the configured quiet hours hold UTC's small hours.
    const people: AffectedUser[] = [
      { userId: 'vc-ana', locale: 'es', country: 'JP', phone: '+819012341234' },
      { userId: 'vc-ben', locale: 'de', country: 'JP', phone: '+819012340000', pushToken: 'token-vc-ben' },
    ];
    const { twilio, fcm } = rig.providers;
    const id = await openIncident(rig.svc, people, { severity: 'low' });
    await approve(rig.svc, id);
    await notified(rig.svc, id);

    const callsTo = (to: string) => twilio.calls.filter((c) => c.to === to);
    const [ana] = callsTo('+819012341234');
    expect(callsTo('+819012341234')).toHaveLength(1);
    expect(ana!.machineDetection).toBe('DetectMessageEndpoint');
    expect(ana!.statusCallbackEvents).toContain('completed');
    const doc = xml.parse(ana!.twiml) as {
      Response: {
        Gather: { Say: Array<{ '#text': string; language: string }>; action: string };
        Say: unknown[];
      };
    };
    const says = doc.Response.Gather.Say;
    expect(says.every((s) => s.language === 'es-ES')).toBe(true);
    expect(says[0]!['#text']).toContain('llamada importante');
    expect(says.some((s) => s['#text'].includes('1 8 0, 0 5 5, 5 0 1, 9 9'))).toBe(true);
    expect(says.some((s) => s['#text'].includes('notify.acme.example/n/'))).toBe(true);
    expect(doc.Response.Gather.action).toContain('/webhooks/twilio/call-repeat?d=');
    await eventually(async () => (await status(id, 'vc-ana', 'voice')) === 'delivered');

    // German has no notice template: the call is read in English. Nobody answers, twice.
    const ben = callsTo('+819012340000');
    expect(ben).toHaveLength(2);
    const benSays = (
      xml.parse(ben[0]!.twiml) as { Response: { Gather: { Say: Array<{ language: string }> } } }
    ).Response.Gather.Say;
    expect(benSays.every((s) => s.language === 'en-US')).toBe(true);
    expect(await status(id, 'vc-ben', 'voice')).toBe('failed_permanent');
    expect(fcm.received.filter((m) => m.token === 'token-vc-ben')).toHaveLength(1);
    expect(await status(id, 'vc-ben', 'push')).toBe('accepted');
  }, 240_000);

  it('refuse call status callbacks without a valid X-Twilio-Signature', async () => {
    const body = new URLSearchParams({
      CallSid: `CA${'0'.repeat(32)}`,
      CallStatus: 'completed',
      AccountSid: rig.providers.twilio.accountSid,
    }).toString();
    const unsigned: Record<string, string>[] = [{}, { 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' }];
    for (const headers of unsigned) {
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/twilio/call-status`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
  });
});
