// Every userId the import accepts gets a notice link that opens: imported through the API, the link
// built from the stored person as the fan-out builds it (and sent by the fan-out itself, by email
// and SMS), and opened on GET /n/:token.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeLink } from '../activities/notices.js';
import { NOTICE_LINK_MAX_CHARS } from '../domain/notice/link.js';
import { noticeWriter, SMS_MAX_SEGMENTS, smsSegments } from '../domain/notice/index.js';
import { noticeIncident, noticePerson } from '../domain/notice/incident-notice.js';
import { loadChannelSettings } from '../platform/channel-config.js';
import type { StoredAffectedUser } from '../store/ledger.js';
import { approve, startFanoutRig, type FanoutRig } from './support/fanout-fixtures.js';
import { eventually, startTestService, type TestService } from './support/service.js';

const ENV = { PUBLIC_BASE_URL: 'https://notify.example.com' };
/** The import's limit on a userId, in characters (UTF-16 code units, as zod counts). */
const USER_ID_MAX = 200;

const SHAPES: Record<string, string> = {
  short: 'u7',
  uuid: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  customerId: 'customer-2024-0000000000000123',
  email: 'jane.doe@example.com',
  phoneE164: '+447946095800',
  phoneFormatted: '+44 (20) 7946-0958',
  digits: '004915123456789',
  spaced: 'ACME / EU / 2024 / 0042',
  asciiMax: 'x'.repeat(USER_ID_MAX - 6) + '-max-1',
  cjkMax: '用户'.repeat(USER_ID_MAX / 2),
  emojiMax: '🙂'.repeat(USER_ID_MAX / 2),
  arabic: 'مستخدم-٤٢',
  combining: 'Zoe\u0308-e\u0301',
  punctuation: `a,b;"c"|d\\e/f?g#h%i&j'k`,
};
const LOCALES = ['en', 'zh-CN', 'es', 'fr'];
const nameOf = (shape: string) => `Person ${shape}`;
const emailOf = (i: number) => `p${i}@example.org`;
const phoneOf = (i: number) => `+49151234567${String(i).padStart(2, '0')}`;

function ndjson(): string {
  return Object.entries(SHAPES)
    .map(([shape, userId], i) =>
      JSON.stringify({
        userId,
        name: nameOf(shape),
        email: emailOf(i),
        phone: phoneOf(i),
        locale: LOCALES[i % LOCALES.length],
      }),
    )
    .join('\n');
}

async function expectNoticeOf(svc: TestService, token: string, shape: string): Promise<void> {
  expect(token.length).toBeLessThanOrEqual(NOTICE_LINK_MAX_CHARS);
  const res = await svc.app.inject({ method: 'GET', url: `/n/${token}` });
  expect(res.statusCode, `${shape}: ${res.body.slice(0, 300)}`).toBe(200);
  expect(res.body).toContain(nameOf(shape));
  for (const other of Object.keys(SHAPES).filter((s) => s !== shape))
    expect(res.body).not.toContain(`${nameOf(other)}<`);
}

describe.each(['sqlite', 'postgres'] as const)('notice links for every userId shape (%s)', (store) => {
  let svc: TestService;
  let incidentId: string;
  let people: StoredAffectedUser[];
  const settings = () => loadChannelSettings({ ...ENV, NODE_ENV: 'test', DATA_DIR: svc.config.DATA_DIR });

  beforeAll(async () => {
    svc = await startTestService({ env: ENV, store });
    incidentId = await svc.openIncident({
      // Long enough that the SMS must cut it to keep the link whole.
      title: 'Exposed customer backup bucket with account and contact details of our customers',
    });
    const upload = await svc.uploadAffectedUsers(incidentId, ndjson(), 'application/x-ndjson');
    expect(upload.statusCode, upload.body).toBeLessThan(300);
    expect(upload.json(), upload.body).toMatchObject({ accepted: Object.keys(SHAPES).length, rejected: 0 });
    // Read as the fan-out reads a page of the affected set.
    people = await svc.ledger.pageAffectedUsers(incidentId, { limit: 100 });
    expect(people.map((p) => p.userId).sort()).toEqual(Object.values(SHAPES).sort());
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('gives each person a distinct reference', () => {
    expect(new Set(people.map((p) => p.linkRef)).size).toBe(people.length);
  });

  it.each(Object.keys(SHAPES))('opens the notice of the person with a %s userId', async (shape) => {
    const userId = SHAPES[shape]!;
    const person = people.find((p) => p.userId === userId)!;
    const link = noticeLink(settings(), incidentId, person, 1);
    const token = link.slice(`${ENV.PUBLIC_BASE_URL}/n/`.length);
    expect(token.length).toBeLessThanOrEqual(NOTICE_LINK_MAX_CHARS);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(link).not.toContain(encodeURIComponent(userId));
    await expectNoticeOf(svc, token, shape);
    const res = await svc.app.inject({ method: 'GET', url: `/n/${token}` });
    expect(res.body).toContain(`<html lang="${person.locale}">`);
    expect(res.body).not.toContain(person.email!);
  });

  it('puts the whole link in an SMS of at most two segments, in every language', async () => {
    const incident = (await svc.ledger.getIncident(incidentId))!;
    const write = noticeWriter({ incident: noticeIncident(incident.facts), noticeVersion: 1 });
    for (const person of people) {
      const link = noticeLink(settings(), incidentId, person, 1);
      const { sms } = write({ locale: person.locale, person: noticePerson(person), noticeUrl: link });
      expect(sms).toContain(link);
      expect(smsSegments(sms), `${person.locale}: ${sms}`).toBeLessThanOrEqual(SMS_MAX_SEGMENTS);
    }
  });

  it('still opens a link of the first format, which named the person by userId', async () => {
    const token = firstFormatToken(incidentId, SHAPES.short!, settings().linkSecret);
    const res = await svc.app.inject({ method: 'GET', url: `/n/${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(nameOf('short'));
  });
});

describe('notice links the fan-out sent, for every userId shape', () => {
  let rig: FanoutRig;
  const shapes = Object.keys(SHAPES);
  const byEmail = new Map(shapes.map((shape, i) => [emailOf(i), shape]));
  const byPhone = new Map(shapes.map((shape, i) => [phoneOf(i), shape]));
  const tokenIn = (text: string | undefined) =>
    text?.match(/https:\/\/notify\.acme\.example\/n\/([A-Za-z0-9_-]+)/)?.[1];

  beforeAll(async () => {
    rig = await startFanoutRig();
    const id = await rig.svc.openIncident();
    const upload = await rig.svc.uploadAffectedUsers(id, ndjson(), 'application/x-ndjson');
    expect(upload.json(), upload.body).toMatchObject({ accepted: shapes.length, rejected: 0 });
    await approve(rig.svc, id);
    await rig.providers.smtp.waitFor(shapes.length, 120_000);
    await eventually(async () => rig.providers.twilio.received.length >= shapes.length, {
      timeoutMs: 120_000,
    });
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('opens each person’s notice from the link in their email', async () => {
    const opened = new Set<string>();
    for (const mail of rig.providers.smtp.received) {
      const shape = byEmail.get(mail.to[0]!)!;
      const token = tokenIn(mail.text);
      expect(token, shape).toBeDefined();
      await expectNoticeOf(rig.svc, token!, shape);
      opened.add(shape);
    }
    expect([...opened].sort()).toEqual([...shapes].sort());
  });

  it('opens each person’s notice from the link in their SMS of at most two segments', async () => {
    const opened = new Set<string>();
    for (const sms of rig.providers.twilio.received) {
      const shape = byPhone.get(sms.to)!;
      expect(smsSegments(sms.body), sms.body).toBeLessThanOrEqual(SMS_MAX_SEGMENTS);
      const token = tokenIn(sms.body);
      expect(token, `${shape}: ${sms.body}`).toBeDefined();
      await expectNoticeOf(rig.svc, token!, shape);
      opened.add(shape);
    }
    expect([...opened].sort()).toEqual([...shapes].sort());
  });
});

/** A token as links were signed before link references: ids as text, version, expiry. */
function firstFormatToken(incidentId: string, userId: string, secret: string): string {
  const incident = Buffer.from(incidentId, 'utf8');
  const id = Buffer.from(userId, 'utf8');
  const tail = Buffer.alloc(6);
  tail.writeUInt16BE(1, 0);
  tail.writeUInt32BE(Math.floor(Date.now() / 1000) + 86_400, 2);
  const payload = Buffer.concat([
    Buffer.from([1, 1, incident.length]),
    incident,
    Buffer.from([1, id.length]),
    id,
    tail,
  ]);
  const mac = createHmac('sha256', secret)
    .update('breach-notify/notice-link\0')
    .update(payload)
    .digest()
    .subarray(0, 16);
  return Buffer.concat([payload, mac]).toString('base64url');
}
