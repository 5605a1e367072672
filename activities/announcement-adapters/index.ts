// The adapters configured for announcements, each run once per version: a receipt already in the
// store means that adapter carried this version, and a retried publication skips it.
import type { AnnouncementView } from '../../domain/announcement/view.js';
import type { AnnouncementSettings } from '../../platform/announcement-config.js';
import type { Ledger } from '../../store/ledger.js';
import { sendMediaEmail } from './media-email.js';
import { deliverToWebhook } from './webhook.js';

export const ADAPTERS = ['webhook', 'media_email'] as const;
export type AdapterName = (typeof ADAPTERS)[number];

/** Announcement id and version: the one key every adapter deduplicates on. */
export const announcementIdempotencyKey = (announcementId: string, version: number) =>
  `${announcementId}-v${version}`;

export interface AdapterRun {
  announcementId: string;
  version: number;
  view: AnnouncementView;
  /** What the store holds already, by adapter. */
  receipts: Record<string, unknown>;
}

/** Runs the adapters that have not carried this version yet; returns every receipt afterwards. */
export async function runAdapters(
  ledger: Ledger,
  settings: AnnouncementSettings,
  run: AdapterRun,
): Promise<Record<string, unknown>> {
  const key = announcementIdempotencyKey(run.announcementId, run.version);
  let receipts = run.receipts;
  const record = async (adapter: AdapterName, receipt: unknown) => {
    receipts = (await ledger.recordAnnouncementReceipt(run.announcementId, run.version, adapter, receipt))
      .receipts;
  };
  if (settings.webhook && receipts.webhook === undefined) {
    const event = run.version === 1 ? 'announcement.published' : 'announcement.updated';
    await record('webhook', await deliverToWebhook(settings.webhook, key, { event, announcement: run.view }));
  }
  if (settings.mediaEmail && receipts.media_email === undefined) {
    const { email, to } = settings.mediaEmail;
    await record('media_email', await sendMediaEmail(email, to, run.view, key));
  }
  return receipts;
}
