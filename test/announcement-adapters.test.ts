// Publishing through the adapters against local servers, on both stores: a webhook that fails
// first still gets one effective publication per version (Idempotency-Key, receipts in the
// ledger), the media list gets one email, and archiving marks the announcement archived.
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToWebhook } from '../activities/announcement-adapters/webhook.js';
import { createAnnouncementActivities, type PublishedAnnouncement } from '../activities/announcements.js';
import { startAnnouncementWebhook, type AnnouncementWebhook } from '../dev/announcement-webhook.js';
import { startSmtpSink, type SmtpSink } from '../dev/smtp-sink.js';
import { announcementIdOf } from '../domain/announcement/announcement.js';
import { ANNOUNCEMENT_TEXTS } from '../domain/announcement/texts.js';
import type { AnnouncementSettings } from '../platform/announcement-config.js';
import {
  announcedIncident,
  BASE_URL,
  personalData,
  publicApp,
  publishInput,
} from './support/announcement-fixtures.js';
import { openTestStore, STORE_KINDS, type TestStore } from './support/stores.js';

const SECRET = 'webhook-signing-secret-for-tests';
const MEDIA = ['desk@news.example', 'tips@paper.example'];

describe.each(STORE_KINDS)('announcement adapters on %s', (kind) => {
  let store: TestStore;
  let webhook: AnnouncementWebhook;
  let smtp: SmtpSink;
  let app: FastifyInstance;
  let settings: AnnouncementSettings;
  let id: string;
  let first: PublishedAnnouncement;
  const activities = () => createAnnouncementActivities({ ledger: store.ledger, settings });

  beforeAll(async () => {
    store = await openTestStore(kind);
    webhook = await startAnnouncementWebhook({ failFirst: 2 });
    smtp = await startSmtpSink();
    app = await publicApp(store.ledger);
    settings = {
      publicBaseUrl: BASE_URL,
      webhook: { url: webhook.url, secret: SECRET, attempts: 3, timeoutMs: 5_000, backoffMs: 5 },
      mediaEmail: { to: MEDIA, email: { smtpUrl: smtp.url, from: '"Acme Privacy" <privacy@acme.example>' } },
    };
    id = await announcedIncident(store.ledger);
  });

  afterAll(async () => {
    await app?.close();
    await webhook?.close();
    await smtp?.close();
    await store?.cleanup();
  });

  it('delivers to a webhook that fails first, with one publication and a receipt', async () => {
    first = await activities().publishAnnouncement(publishInput(id));
    const key = `${announcementIdOf(id)}-v1`;
    expect(webhook.requests.map((r) => [r.status, r.idempotencyKey])).toEqual([
      [503, key],
      [503, key],
      [201, key],
    ]);
    expect(webhook.publications).toHaveLength(1);
    const sent = webhook.requests[2]!;
    const body = sent.body as { event: string; announcement: { contentHash: string; url: string } };
    expect(body.event).toBe('announcement.published');
    expect(body.announcement.contentHash).toBe(first.contentHash);
    const expected = createHmac('sha256', SECRET).update(JSON.stringify(sent.body)).digest('hex');
    expect(sent.signature).toBe(`sha256=${expected}`);
    const receipt = first.receipts.find((r) => r.adapter === 'webhook')!;
    expect(receipt.reference).toBe(webhook.publications[0]!.id);
    expect(receipt.detail).toMatchObject({
      status: 'delivered',
      httpStatus: 201,
      attempts: 3,
      idempotencyKey: key,
    });
  });

  it('sends the media list one email in the original language', async () => {
    const [mail] = await smtp.waitFor(1);
    expect(mail!.envelope.to.sort()).toEqual([...MEDIA].sort());
    expect(mail!.messageId).toBe(`<${announcementIdOf(id)}-v1@acme.example>`);
    expect(mail!.subject).toBe(
      ANNOUNCEMENT_TEXTS.en!.heading.replace('{title}', 'Customer database exposed'),
    );
    expect(mail!.text).toContain('We closed the bucket and rotated every access key.');
    expect(mail!.text).toContain(`${BASE_URL}/public/announcements/${id}`);
    for (const value of personalData()) expect(mail!.raw).not.toContain(value);
    expect(first.receipts.find((r) => r.adapter === 'media_email')?.detail).toMatchObject({
      status: 'sent',
      accepted: 2,
    });
  });

  it('publishes nothing again when the same version is published twice', async () => {
    const again = await activities().publishAnnouncement(publishInput(id));
    expect(again).toEqual(first);
    expect(webhook.requests).toHaveLength(3);
    expect(webhook.publications).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    const audit = (await store.ledger.listAudit(id)).filter((a) => a.action === 'announcement:published');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({
      version: 1,
      contentHash: first.contentHash,
      receipts: { webhook: { status: 'delivered' }, media_email: { status: 'sent' } },
    });
    const record = await store.ledger.getAnnouncement(announcementIdOf(id));
    expect(record).toMatchObject({ status: 'published', version: 1, contentHash: first.contentHash });
  });

  it('retries a webhook down for longer through the activity’s own retry, still once', async () => {
    webhook.failNext(4);
    await expect(activities().publishAnnouncement(publishInput(id, 2))).rejects.toThrow(/did not accept/);
    // What Temporal does next: the same activity again. The version is stored; only the webhook is left.
    const v2 = await activities().publishAnnouncement(publishInput(id, 2));
    const keys = webhook.publications.map((p) => p.idempotencyKey);
    expect(keys).toEqual([`${announcementIdOf(id)}-v1`, `${announcementIdOf(id)}-v2`]);
    expect((webhook.requests.at(-1)!.body as { event: string }).event).toBe('announcement.updated');
    expect(smtp.received).toHaveLength(2);
    expect(await store.ledger.listAnnouncementVersions(announcementIdOf(id))).toHaveLength(2);
    expect(v2.receipts.map((r) => r.adapter).sort()).toEqual(['media_email', 'webhook']);
  });

  it('keeps one publication at the receiver when a delivery is repeated (a lost answer)', async () => {
    const key = `${announcementIdOf(id)}-v2`;
    const receipt = await deliverToWebhook(settings.webhook!, key, { event: 'announcement.updated' });
    expect(receipt).toMatchObject({ status: 'delivered', httpStatus: 200 });
    expect(receipt.reference).toBe(webhook.publications[1]!.id);
    expect(webhook.publications).toHaveLength(2);
  });

  it('records a refusal (4xx other than 429) instead of retrying what cannot succeed', async () => {
    webhook.failNext(1, 422);
    const receipt = await deliverToWebhook(settings.webhook!, 'announcement-refused-v1', { event: 'x' });
    expect(receipt).toMatchObject({ status: 'rejected', httpStatus: 422, attempts: 1 });
    webhook.failNext(1, 429);
    const later = await deliverToWebhook(settings.webhook!, 'announcement-throttled-v1', { event: 'x' });
    expect(later).toMatchObject({ status: 'delivered', httpStatus: 201, attempts: 2 });
  });

  it('archives it: still reachable, marked archived, recorded once', async () => {
    const at = '2027-03-01T00:00:00.000Z';
    const { archivedAt } = await activities().archiveAnnouncement({ incidentId: id, at });
    expect(archivedAt).toBe(at);
    expect(
      (await activities().archiveAnnouncement({ incidentId: id, at: new Date().toISOString() })).archivedAt,
    ).toBe(at);
    const audit = (await store.ledger.listAudit(id)).filter((a) => a.action === 'announcement:archived');
    expect(audit).toHaveLength(1);
    const [record] = await store.ledger.listAnnouncements(id);
    expect(record).toMatchObject({ status: 'archived', archivedAt: at });

    const page = await app.inject(`/public/announcements/${id}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(ANNOUNCEMENT_TEXTS.en!.archived);
    const json = (await app.inject(`/public/announcements/${id}.json`)).json();
    expect(json).toMatchObject({ status: 'archived', archivedAt: at, version: 2 });
    expect((await app.inject('/public/announcements')).body).toContain('(archived)');
    // Re-running the last publication (a late retry) leaves it archived.
    await activities().publishAnnouncement(publishInput(id, 2));
    expect((await store.ledger.getAnnouncement(announcementIdOf(id)))?.status).toBe('archived');
  });

  it('goes with its incident when the incident is deleted', async () => {
    const other = await announcedIncident(store.ledger);
    await createAnnouncementActivities({
      ledger: store.ledger,
      settings: { publicBaseUrl: BASE_URL },
    }).publishAnnouncement(publishInput(other));
    expect(await store.ledger.deleteIncident(other)).toBe(true);
    expect(await store.ledger.listAnnouncementVersions(announcementIdOf(other))).toEqual([]);
    expect((await app.inject(`/public/announcements/${other}`)).statusCode).toBe(404);
  });

  it('refuses to archive an incident without an announcement, for good', async () => {
    const other = await announcedIncident(store.ledger);
    await expect(
      activities().archiveAnnouncement({ incidentId: other, at: new Date().toISOString() }),
    ).rejects.toMatchObject({
      nonRetryable: true,
    });
  });
});
