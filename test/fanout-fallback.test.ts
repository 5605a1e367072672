// Channel fallback over the wire: each path of the policy, against the local SMTP, Twilio and FCM
// servers, and the ledger's counts equal to what those servers received.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AffectedUser } from '../domain/affected-user.js';
import type { NoticeChannel as Channel } from '../domain/fallback.js';
import {
  approve,
  duplicates,
  notified,
  openIncident,
  startFanoutRig,
  type FanoutRig,
} from './support/fanout-fixtures.js';

let rig: FanoutRig;
beforeAll(async () => {
  rig = await startFanoutRig({ FANOUT_PAGE_SIZE: '50', FANOUT_MAX_SEND_ATTEMPTS: '5' });
});
afterEach(async () => {
  await rig?.settle();
});
afterAll(async () => {
  await rig?.close();
});

/** One person with the contact data named; addresses carry the test's tag so tests do not collide. */
function who(
  tag: string,
  name: string,
  contact: { email?: boolean; phone?: string; push?: boolean },
): AffectedUser {
  return {
    userId: `${tag}-${name}`,
    name,
    locale: 'en',
    ...(contact.email ? { email: `${name}.${tag}@example.com` } : {}),
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.push ? { pushToken: `token-${tag}-${name}` } : {}),
  };
}

function received(rig: FanoutRig, tag: string) {
  const { smtp, twilio, fcm } = rig.providers;
  return {
    email: smtp.received.flatMap((m) => m.envelope.to).filter((a) => a.includes(`.${tag}@`)),
    sms: twilio.received
      .filter((m) => m.body.length > 0 && m.to.startsWith(`+4477009${tag.slice(-2)}`))
      .map((m) => m.to),
    push: fcm.received.filter((m) => m.token.includes(`-${tag}-`)).map((m) => m.token),
  };
}

async function status(incidentId: string, userId: string, channel: Channel) {
  return (await rig.svc.ledger.getDelivery({ incidentId, userId, channel, noticeVersion: 1 }))?.status;
}

describe('channel fallback', () => {
  it('low severity: email first, then SMS, then push, falling through on permanent failure or missing data', async () => {
    const { smtp, twilio, fcm } = rig.providers;
    const tag = 't11';
    const phone = (n: number) => `+4477009${tag.slice(-2)}${String(n).padStart(3, '0')}`;
    const people = [
      who(tag, 'ada', { email: true, phone: phone(1), push: true }), // email works: nothing else
      who(tag, 'bob', { email: true, phone: phone(2) }), // email bounces 550: SMS
      who(tag, 'cyd', { phone: phone(3) }), // no email: SMS
      who(tag, 'dee', { phone: phone(4), push: true }), // no email, SMS 21211: push
      who(tag, 'eve', { email: true, push: true }), // 550, no phone, dead token: unreachable
      who(tag, 'fay', {}), // nothing at all: unreachable
      who(tag, 'gus', { email: true, phone: phone(7) }), // 451 twice, then accepted: email only, once
    ];
    smtp.fail(`bob.${tag}@example.com`, { code: 550, message: 'No such user' });
    smtp.fail(`eve.${tag}@example.com`, { code: 550, message: 'No such user' });
    smtp.fail(`gus.${tag}@example.com`, { code: 451, message: 'Greylisted', times: 2 });
    twilio.fail(phone(4), { kind: 'rejected', code: 21211 });
    fcm.fail(`token-${tag}-eve`, 'UNREGISTERED');

    const id = await openIncident(rig.svc, people, { severity: 'low' });
    await approve(rig.svc, id);
    await notified(rig.svc, id);

    const got = received(rig, tag);
    expect(got.email.sort()).toEqual([`ada.${tag}@example.com`, `gus.${tag}@example.com`]);
    expect(got.sms.sort()).toEqual([phone(2), phone(3)]);
    expect(got.push).toEqual([`token-${tag}-dee`]);

    expect(await status(id, `${tag}-ada`, 'email')).toBe('accepted');
    expect(await status(id, `${tag}-ada`, 'sms')).toBeUndefined();
    expect(await status(id, `${tag}-bob`, 'email')).toBe('failed_permanent');
    expect(await status(id, `${tag}-bob`, 'sms')).toBe('accepted');
    expect(await status(id, `${tag}-dee`, 'sms')).toBe('failed_permanent');
    expect(await status(id, `${tag}-dee`, 'push')).toBe('accepted');
    const gus = await rig.svc.ledger.getDelivery({
      incidentId: id,
      userId: `${tag}-gus`,
      channel: 'email',
      noticeVersion: 1,
    });
    expect(gus).toMatchObject({ status: 'accepted', attempts: 3, possibleDuplicate: false });

    // Nobody could reach Eve or Fay: every channel is marked unreachable with its reason.
    for (const c of ['email', 'sms', 'push'] as const) {
      expect(await status(id, `${tag}-eve`, c)).toBe('unreachable');
      expect(await status(id, `${tag}-fay`, c)).toBe('unreachable');
    }
    const fayEmail = await rig.svc.ledger.getDelivery({
      incidentId: id,
      userId: `${tag}-fay`,
      channel: 'email',
      noticeVersion: 1,
    });
    expect(fayEmail?.errorMessage).toBe('no email address');
    expect((await rig.svc.ledger.getAffectedUser(id, `${tag}-eve`))?.pushTokenDead).toBe(true);

    const counts = await rig.svc.ledger.deliveryCounts(id);
    expect(counts.unreachable).toBe(2);
    expect(counts.channels.email).toMatchObject({ sent: got.email.length, pending: 0, failed: 1 });
    expect(counts.channels.sms).toMatchObject({ sent: got.sms.length, pending: 0, failed: 1 });
    expect(counts.channels.push).toMatchObject({ sent: got.push.length, pending: 0 });
    expect(counts.possibleDuplicates).toBe(0);
  }, 240_000);

  it('high severity: every reachable channel, and a permanent failure on one does not make the person unreachable', async () => {
    const { smtp, twilio } = rig.providers;
    const tag = 't22';
    const phone = (n: number) => `+4477009${tag.slice(-2)}${String(n).padStart(3, '0')}`;
    const people = [
      who(tag, 'ann', { email: true, phone: phone(1), push: true }), // all three
      who(tag, 'ben', { email: true, phone: phone(2) }), // email 550: SMS still, reached
      who(tag, 'cat', { phone: phone(3) }), // SMS rate-limited once (429, Retry-After 1 s): retried
      who(tag, 'dan', {}), // unreachable
    ];
    smtp.fail(`ben.${tag}@example.com`, { code: 550 });
    twilio.fail(phone(3), { kind: 'rate-limit', retryAfterSeconds: 1, times: 1 });

    const id = await openIncident(rig.svc, people, { severity: 'high' });
    await approve(rig.svc, id);
    await notified(rig.svc, id);

    const got = received(rig, tag);
    expect(got.email).toEqual([`ann.${tag}@example.com`]);
    expect(got.sms.sort()).toEqual([phone(1), phone(2), phone(3)]);
    expect(duplicates(got.sms)).toEqual([]);
    expect(got.push).toEqual([`token-${tag}-ann`]);

    expect(await status(id, `${tag}-ben`, 'email')).toBe('failed_permanent');
    expect(await status(id, `${tag}-ben`, 'sms')).toBe('accepted');
    expect(await status(id, `${tag}-dan`, 'email')).toBe('unreachable');
    const counts = await rig.svc.ledger.deliveryCounts(id);
    expect(counts.unreachable).toBe(1);
    expect(counts.channels.sms).toMatchObject({ sent: 3, pending: 0, failed: 0 });
    expect(counts.channels.email).toMatchObject({ sent: 1, failed: 1 });
    expect(counts.channels.push).toMatchObject({ sent: 1 });
  }, 240_000);

  it('gives up on a channel that keeps failing retryably after FANOUT_MAX_SEND_ATTEMPTS and falls through', async () => {
    const { smtp } = rig.providers;
    const tag = 't33';
    const phone = `+447700933001`;
    const people = [who(tag, 'ivy', { email: true, phone })];
    smtp.fail(`ivy.${tag}@example.com`, { code: 421, message: 'Service not available' });

    const id = await openIncident(rig.svc, people, { severity: 'medium' });
    await approve(rig.svc, id);
    await notified(rig.svc, id);

    const email = await rig.svc.ledger.getDelivery({
      incidentId: id,
      userId: `${tag}-ivy`,
      channel: 'email',
      noticeVersion: 1,
    });
    expect(email).toMatchObject({ status: 'failed_permanent', attempts: 5 });
    expect(email?.errorCode).toMatch(/^RETRIES_EXHAUSTED/);
    expect(received(rig, tag).sms).toEqual([phone]);
  }, 240_000);
});
