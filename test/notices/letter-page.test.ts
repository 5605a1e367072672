// Letters through the page's pipeline and the real print-mail channel against the local stub
// (dev/print-mail-server.ts): a PDF per person in their language with the notice's sections, their
// address block and link; one letter per claim even when the provider's answer is lost and the page retried.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChannels, letterIdempotencyKey } from '../../activities/channels/index.js';
import { SendGate } from '../../activities/notices/gate.js';
import { OutcomeWriter } from '../../activities/notices/outcome-writer.js';
import { NOTICES_PENDING, sendNoticePage, type NoticeSending } from '../../activities/notices/send-page.js';
import type { AffectedUser } from '../../domain/affected-user.js';
import { perChannel, type NoticePolicy } from '../../domain/fallback.js';
import { NOTICE_SECTIONS, noticeTemplate } from '../../domain/notice/index.js';
import { startPrintMailServer, type PrintMailServer } from '../../dev/print-mail-server.js';
import { stepRig, stepSettings, testActivity, type StepRig } from '../support/notice-steps.js';

let stub: PrintMailServer;
let rig: StepRig | undefined;
const dir = mkdtempSync(join(tmpdir(), 'letters-'));
beforeAll(async () => {
  stub = await startPrintMailServer();
});
afterAll(async () => {
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => rig?.store.cleanup());

const people: AffectedUser[] = [
  {
    userId: 'fr-1',
    name: 'Marie Dupont',
    locale: 'fr',
    country: 'FR',
    postalAddress: { line1: '12 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' },
  },
  {
    userId: 'cn-1',
    name: '王小明',
    locale: 'zh-CN',
    email: 'wang@example.cn',
    country: 'CN',
    postalAddress: { line1: '朝阳区建国路88号', city: '北京', postalCode: '100022', country: 'CN' },
  },
  {
    userId: 'us-1',
    name: 'John Doe',
    locale: 'en',
    email: 'john@example.com',
    country: 'US',
    postalAddress: {
      line1: '185 Berry St',
      line2: 'Suite 6100',
      city: 'San Francisco',
      postalCode: '94107',
      region: 'CA',
      country: 'US',
    },
  },
];

/** Email first, then a letter: John and Wang get an email, Marie, reachable only by post, a letter. */
const POLICY: NoticePolicy = { mode: 'first', order: ['email', 'letter'] };

async function letterRig() {
  rig = await stepRig(people);
  const channels = createChannels({
    letter: {
      adapter: 'print-mail-api',
      apiBaseUrl: stub.url,
      apiKey: stub.apiKey,
      returnAddress: {
        name: 'Acme GmbH',
        line1: 'Hauptstraße 1',
        city: 'München',
        postalCode: '80331',
        country: 'DE',
      },
    },
  });
  const emails: string[] = [];
  const sending: NoticeSending = {
    ledger: rig.store.ledger,
    channels: {
      ...channels,
      email: {
        name: 'email',
        send: async (items) =>
          items.map((i) => (emails.push(i.key), { key: i.key, outcome: 'accepted' as const })),
      },
    },
    settings: stepSettings,
    gates: perChannel(() => new SendGate({ concurrency: 2 })),
    outcomes: new OutcomeWriter(rig.store.ledger),
    priority: { enter: () => () => undefined, turn: async () => undefined },
  };
  const input = {
    incidentId: rig.incidentId,
    noticeVersion: 1,
    policy: POLICY,
    page: { size: people.length, last: rig.people[rig.people.length - 1]!.userId },
  };
  return { sending, input, emails, rig };
}

/** Every section but the right to complain, which a notice names only where a regulator is given. */
const REQUIRED = NOTICE_SECTIONS.filter((s) => s !== 'complaint');

/** The sections whose heading in `locale` the text carries. */
function headingsIn(text: string, locale: string): string[] {
  const flat = text.replace(/\s+/g, ' ');
  const headings = noticeTemplate(locale).headings;
  return NOTICE_SECTIONS.filter((s) => flat.includes(headings[s].replace(/\s+/g, ' ')));
}

function pdfText(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('letters through the print-mail API', () => {
  it('posts one letter to the person reachable only by post, and only one though its answer was lost', async () => {
    const t = await letterRig();
    const before = stub.received.length;
    stub.loseAnswers(1);
    const err = await sendNoticePage(t.sending, t.input, testActivity().activity).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).type).toBe(NOTICES_PENDING);
    const requestsAfterFirst = stub.requests;

    const totals = await sendNoticePage(t.sending, t.input, testActivity(2).activity);
    expect(totals).toMatchObject({ people: 3, reached: 3, unreachable: 0 });
    expect(totals.channels.letter).toEqual({ sent: 1, failed: 0 });
    expect(t.emails.sort()).toEqual(['cn-1', 'us-1']);
    // The retry asked again under the same key, and the provider answered with the letter it made.
    expect(stub.requests).toBe(requestsAfterFirst + 1);
    const letters = stub.received.slice(before);
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(letter!.idempotencyKey).toBe(letterIdempotencyKey(`${t.rig.incidentId}\0fr-1\0letter\x001`));
    expect(letter!.to).toMatchObject({
      name: 'Marie Dupont',
      address_zip: '75001',
      address_country: 'FR',
    });
    expect(letter!.from).toMatchObject({ name: 'Acme GmbH', address_city: 'München' });
    const row = await t.rig.store.ledger.getDelivery({
      incidentId: t.rig.incidentId,
      userId: 'fr-1',
      channel: 'letter',
      noticeVersion: 1,
    });
    expect(row).toMatchObject({
      status: 'accepted',
      providerId: letter!.id,
      // The retry rendered the letter again (its link's expiry moves on), so only its shape is sure here.
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      expectedDeliveryDate: letter!.expectedDeliveryDate,
    });

    // The letter itself: French sections, the address block for the window, the link, page numbers.
    const text = pdfText(letter!.pdf, 'fr-1');
    expect(headingsIn(text, 'fr')).toEqual(REQUIRED);
    expect(text).toContain('Marie Dupont');
    expect(text).toContain('12 rue de Rivoli');
    expect(text).toContain('75001 Paris');
    expect(text).toContain('FRANCE');
    expect(text).toContain(`${stepSettings.noticeBaseUrl}/n/`);
    const pages = (await PDFDocument.load(letter!.pdf)).getPageCount();
    expect(text).toMatch(new RegExp(`1\\s*/\\s*${pages}`));
  });

  it("writes each letter in the person's language, on US Letter for a US address", async () => {
    const t = await letterRig();
    const before = stub.received.length;
    await sendNoticePage(
      t.sending,
      { ...t.input, policy: { mode: 'first', order: ['letter'] } },
      testActivity().activity,
    );
    const letters = stub.received.slice(before);
    expect(letters).toHaveLength(3);
    const us = letters.find((l) => l.to.address_country === 'US')!;
    // Sent at the first attempt: the hash kept with the delivery is that of the PDF printed.
    const row = await t.rig.store.ledger.getDelivery({
      incidentId: t.rig.incidentId,
      userId: 'us-1',
      channel: 'letter',
      noticeVersion: 1,
    });
    expect(row?.contentHash).toBe(createHash('sha256').update(us.pdf).digest('hex'));
    const text = pdfText(us.pdf, 'us-1');
    expect(headingsIn(text, 'en')).toEqual(REQUIRED);
    // Chinese through the embedded CJK font, not question marks.
    const cn = pdfText(letters.find((l) => l.to.address_country === 'CN')!.pdf, 'cn-1');
    expect(headingsIn(cn, 'zh-CN')).toEqual(REQUIRED);
    expect(cn).toContain('朝阳区建国路88号');
    expect(text).toContain('San Francisco, CA 94107');
    const page = (await PDFDocument.load(us.pdf)).getPage(0);
    expect([page.getWidth(), page.getHeight()]).toEqual([612, 792]);
  });
});
