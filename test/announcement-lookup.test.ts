// "Was I affected?" end to end: the real API in-process, codes through the local SMTP and Twilio
// servers, the ledger on SQLite. Announcements are written to the store directly (their pages and
// publishing are another part of the service).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOOKUP_CODE_TTL_MS } from '../domain/announcement/lookup.js';
import type { AffectedUser } from '../domain/affected-user.js';
import { refOf, startLookupRig, type LookupRig } from './support/lookup-rig.js';
import { eventually } from './support/service.js';

let rig: LookupRig;
let slug: string;
let ipCounter = 0;
/** Each test its own IP address, so the per-IP limit of one test does not touch another. */
const ip = () => `10.0.0.${++ipCounter}`;

const people: AffectedUser[] = [
  { userId: 'u1', name: 'Ada Example', email: 'ada@example.com', locale: 'fr' },
  { userId: 'u2', name: 'Bo Example', phone: '+447911123456', locale: 'en' },
  { userId: 'u3', name: 'Cy Example', email: 'cy@example.com' },
  { userId: 'u4', name: 'Di Example', email: 'di@example.com' },
  { userId: 'u5', name: 'Ed Example', email: 'ed@example.com' },
  { userId: 'u6', name: 'Fay Example', email: 'fay@example.com' },
];

beforeAll(async () => {
  rig = await startLookupRig('sqlite', { LOOKUP_RATE_PER_IP: '6', LOOKUP_RATE_PER_ADDRESS: '3' });
  slug = await rig.incidentWith(people);
});
afterAll(async () => {
  await rig?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const codeFromMail = async (to: string) => {
  const mail = await eventually(async () => rig.providers.smtp.received.find((m) => m.to.includes(to)));
  return /(\d{6})/.exec(mail.subject ?? '')![1]!;
};

describe('an affected address', () => {
  it('gets a code by email, in the page’s language, and the code opens the person’s notice', async () => {
    const res = await rig.lookup(slug, '  Ada@Example.com ', { lang: 'fr', ip: ip() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<html lang="fr">');
    const ref = refOf(res.body);
    expect((await rig.settled(ref)).outcome).toBe('sent');
    const code = await codeFromMail('ada@example.com');
    const mail = rig.providers.smtp.received.find((m) => m.to.includes('ada@example.com'))!;
    expect(mail.headers['content-language']).toBe('fr');
    expect(mail.text).toContain(code);

    const opened = await rig.verify(slug, ref, code.replace(/(\d{3})/, '$1 '), { ip: ip() });
    expect(opened.statusCode).toBe(303);
    const location = opened.headers.location as string;
    expect(location).toMatch(/^\/n\/[A-Za-z0-9_-]+$/);
    const notice = await rig.app.inject({ method: 'GET', url: location });
    expect(notice.statusCode).toBe(200);
    // The person's own notice: their language and their name.
    expect(notice.body).toContain('<html lang="fr">');
    expect(notice.body).toContain('Ada Example');

    // One time only.
    expect((await rig.verify(slug, ref, code, { ip: ip() })).statusCode).toBe(410);
  });

  it('gets a code by SMS, only by SMS, when the address is a phone number', async () => {
    const mailsBefore = rig.providers.smtp.received.length;
    const res = await rig.lookup(slug, '+44 7911 123456', { ip: ip() });
    const ref = refOf(res.body);
    expect((await rig.settled(ref)).outcome).toBe('sent');
    const sms = rig.providers.twilio.received.find((m) => m.to === '+447911123456')!;
    expect(sms.from).toBe('+15005550006');
    const code = /^(\d{6}) /.exec(sms.body)![1]!;
    expect(rig.providers.smtp.received.length).toBe(mailsBefore);
    const opened = await rig.verify(slug, ref, code, { ip: ip() });
    expect(opened.statusCode).toBe(303);
    const notice = await rig.app.inject({ method: 'GET', url: opened.headers.location as string });
    expect(notice.body).toContain('Bo Example');
  });
});

describe('no enumeration', () => {
  it('answers an unknown address byte for byte like an affected one, apart from the reference, and sends nothing', async () => {
    const smsBefore = rig.providers.twilio.received.length;
    const affected = await rig.lookup(slug, 'cy@example.com', { ip: ip() });
    const unknown = await rig.lookup(slug, 'nobody@example.com', { ip: ip() });
    const unknownPhone = await rig.lookup(slug, '+447911123999', { ip: ip() });
    for (const res of [affected, unknown, unknownPhone]) expect(res.statusCode).toBe(200);
    const [a, u, p] = [affected, unknown, unknownPhone].map((r) => r.body.replace(refOf(r.body), 'REF'));
    expect(u).toBe(a);
    expect(p).toBe(a);
    expect(unknown.headers['content-length']).toBe(affected.headers['content-length']);
    expect(refOf(unknown.body)).not.toBe(refOf(affected.body));

    expect((await rig.settled(refOf(unknown.body))).outcome).toBe('none');
    expect((await rig.settled(refOf(unknownPhone.body))).outcome).toBe('none');
    expect((await rig.settled(refOf(affected.body))).outcome).toBe('sent');
    expect(rig.providers.smtp.received.some((m) => m.to.includes('nobody@example.com'))).toBe(false);
    expect(rig.providers.twilio.received.length).toBe(smsBefore);

    // A guessed code for an unknown address answers like a wrong one.
    const guess = await rig.verify(slug, refOf(unknown.body), '123456', { ip: ip() });
    expect(guess.statusCode).toBe(200);
    expect(guess.body).toContain('Tries left: 4.');
  });
});

describe('codes', () => {
  it('count down wrong tries and die after the fifth', async () => {
    const res = await rig.lookup(slug, 'di@example.com', { ip: ip() });
    const ref = refOf(res.body);
    await rig.settled(ref);
    const code = await codeFromMail('di@example.com');
    const wrong = code === '000000' ? '111111' : '000000';
    const where = ip();
    for (const left of [4, 3, 2, 1]) {
      const r = await rig.verify(slug, ref, wrong, { ip: where });
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain(`Tries left: ${left}.`);
      expect(r.body).toContain('role="alert"');
      expect(r.body).toContain('aria-invalid="true"');
    }
    const fifth = await rig.verify(slug, ref, wrong, { ip: where });
    expect(fifth.statusCode).toBe(410);
    // Dead: even the right code no longer opens anything.
    const late = await rig.verify(slug, ref, code, { ip: where });
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('This code no longer works');
  });

  it('expire after ten minutes', async () => {
    const res = await rig.lookup(slug, 'ed@example.com', { ip: ip() });
    const ref = refOf(res.body);
    await rig.settled(ref);
    const code = await codeFromMail('ed@example.com');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + LOOKUP_CODE_TTL_MS + 1000);
    const r = await rig.verify(slug, ref, code, { ip: ip() });
    expect(r.statusCode).toBe(410);
  });

  it('are asked for again when what was typed is not six digits, without using a try', async () => {
    const res = await rig.lookup(slug, 'cy@example.com', { ip: ip() });
    const ref = refOf(res.body);
    const r = await rig.verify(slug, ref, '12ab', { ip: ip() });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('Enter the 6 digits of the code.');
    expect((await rig.ledger.getLookup(ref))?.tries).toBe(0);
  });
});

describe('rate limits', () => {
  it('answer 429 after the limit per IP address, as a page or in the error shape', async () => {
    const where = ip();
    for (let i = 0; i < 6; i++) {
      expect((await rig.lookup(slug, `someone${i}@example.net`, { ip: where })).statusCode).toBe(200);
    }
    const page = await rig.lookup(slug, 'someone-else@example.net', { ip: where });
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Too many attempts');
    const json = await rig.lookup(slug, 'someone-else@example.net', {
      ip: where,
      accept: 'application/json',
    });
    expect(json.statusCode).toBe(429);
    expect(json.json().error.code).toBe('rate_limited');
    // Another IP address is not held back.
    expect((await rig.lookup(slug, 'someone-else@example.net', { ip: ip() })).statusCode).toBe(200);
  });

  it('answer 429 after the limit per address, whichever IP asks, affected or not', async () => {
    for (const address of ['ada@example.com', 'stranger@example.org']) {
      // ada@ was looked up once already in this file.
      const earlier = address === 'ada@example.com' ? 1 : 0;
      for (let i = earlier; i < 3; i++)
        expect((await rig.lookup(slug, address, { ip: ip() })).statusCode).toBe(200);
      const res = await rig.lookup(slug, address.toUpperCase(), { ip: ip(), accept: 'application/json' });
      expect(res.statusCode).toBe(429);
      expect(res.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    }
  });
});

describe('what is offered', () => {
  it('names the field of an address it cannot read', async () => {
    const page = await rig.lookup(slug, '07911 123456', { ip: ip() });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Enter the phone number with its country code');
    expect(page.body).toContain('<a href="#lookup-address">');
    const json = await rig.lookup(slug, 'not an address', { ip: ip(), accept: 'application/json' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.issues[0].path).toBe('address');
    const missing = await rig.app.inject({
      method: 'POST',
      url: `/public/announcements/${slug}/lookup`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'lang=en',
      remoteAddress: ip(),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.issues[0].path).toBe('address');
  });

  it('offers the form page, and no lookup without a public announcement or after the purge', async () => {
    const form = await rig.app.inject({ method: 'GET', url: `/public/announcements/${slug}/lookup?lang=es` });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<html lang="es">');
    expect(form.body).toContain('<label for="lookup-address">');

    const none = await rig.incidentWith(people.slice(0, 1), null);
    const pending = await rig.incidentWith(people.slice(0, 1), 'awaiting_approval');
    const archived = await rig.incidentWith(people.slice(0, 1), 'archived');
    const purged = await rig.incidentWith(people.slice(0, 1), 'published');
    await rig.ledger.purgePersonalData(purged);
    for (const id of [none, pending, purged, 'no-such-incident']) {
      const res = await rig.lookup(id, 'ada@example.com', { ip: ip() });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('This check is not available');
      expect(
        (await rig.app.inject({ method: 'GET', url: `/public/announcements/${id}/lookup` })).statusCode,
      ).toBe(404);
    }
    expect(
      (await rig.app.inject({ method: 'GET', url: `/public/announcements/${archived}/lookup` })).statusCode,
    ).toBe(200);
  });
});

describe('personal data', () => {
  it('keeps no address or code in the clear in the store or the log', async () => {
    const res = await rig.lookup(slug, 'cy@example.com', { ip: ip() });
    await rig.settled(refOf(res.body));
    // A relay's refusal quotes the recipient; the log must not.
    rig.providers.smtp.fail('fay@example.com', { code: 550, message: 'No mailbox fay@example.com here' });
    const refused = await rig.lookup(slug, 'fay@example.com', { ip: ip() });
    expect((await rig.settled(refOf(refused.body))).outcome).toBe('failed');
    expect(rig.logLines.some((l) => l.includes('lookup code not sent'))).toBe(true);
    const db = (
      rig.ledger as unknown as { db: import('kysely').Kysely<Record<string, Record<string, unknown>>> }
    ).db;
    const rows = JSON.stringify([
      await db.selectFrom('announcement_lookups').selectAll().execute(),
      await db.selectFrom('announcement_lookup_counts').selectAll().execute(),
    ]);
    expect(rows.length).toBeGreaterThan(100);
    const codes = rig.providers.smtp.received.map((m) => /(\d{6})/.exec(m.subject ?? '')![1]!);
    const smsCodes = rig.providers.twilio.received.map((m) => m.body.slice(0, 6));
    expect(codes.length + smsCodes.length).toBeGreaterThan(0);
    expect(rig.logLines.filter((l) => l.includes('/lookup')).length).toBeGreaterThan(1);
    const log = rig.logLines.join('\n');
    for (const address of [
      'example.com',
      'example.net',
      'example.org',
      '7911123456',
      '7911 123456',
      '7911123999',
    ]) {
      expect(rows).not.toContain(address);
      expect(log).not.toContain(address);
    }
    // Not as a number of its own (a response time's decimals may hold any six digits).
    for (const code of [...codes, ...smsCodes]) {
      const alone = new RegExp(`(?<![0-9a-f.])${code}(?![0-9a-f])`);
      expect(rows).not.toMatch(alone);
      expect(log).not.toMatch(alone);
    }
  });
});
