// The work behind the "Was I affected?" routes: whether an incident offers the lookup, the code sent
// after the answer (found person, code stored as a digest, message sent), the notice link a right code
// opens, and the pruning of old lookups. No HTTP here; api/routes/announcement-lookup.ts answers.
import { randomInt } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import {
  LOOKUP_CODE_DIGITS,
  lookupDigest,
  lookupKeyOf,
  lookupOpen,
  type LookupAddress,
} from '../domain/announcement/lookup.js';
import { renderLookupMessage } from '../domain/announcement/lookup-page.js';
import { signNoticeLink } from '../domain/notice/link.js';
import type { LookupCodeSender } from '../platform/lookup-code-sender.js';
import type { LookupSettings } from '../platform/lookup-config.js';
import type { Ledger } from '../store/ledger.js';

export interface LookupCodesOptions {
  ledger: Ledger;
  /** Signs the notice link a right code opens (the fan-out's secret, so /n/:token verifies it). */
  linkSecret: string;
  sender: LookupCodeSender;
  settings: LookupSettings;
}

/** Lookups are kept a day, long past their code's life; then their digests go too. */
const LOOKUP_KEPT_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

export function errorCodeOf(err: unknown): string {
  const e = err as { code?: unknown; status?: unknown; responseCode?: unknown };
  return String(e.code ?? e.responseCode ?? e.status ?? 'unknown');
}

export class LookupCodes {
  /** The key of the digests of addresses and codes. */
  readonly key: Buffer;
  private readonly inFlight = new Set<Promise<void>>();
  private pruning: NodeJS.Timeout | undefined;

  constructor(private readonly opts: LookupCodesOptions) {
    this.key = lookupKeyOf(opts.settings.secret ?? opts.linkSecret);
  }

  /** The incident behind a slug, while its lookup is offered. The slug is the incident id. */
  async openIncident(slug: string): Promise<string | undefined> {
    const incident = await this.opts.ledger.getIncident(slug);
    if (!incident) return undefined;
    const announcements = await this.opts.ledger.listAnnouncements(incident.id);
    return lookupOpen(incident, announcements) ? incident.id : undefined;
  }

  addressDigest(address: LookupAddress): string {
    return lookupDigest(this.key, 'address', `${address.channel}:${address.address}`);
  }

  /**
   * Looks the address up and sends its code once the current answer is on its way, so the answer
   * neither waits for nor reveals whether anybody has the address.
   */
  sendAfterAnswer(
    log: FastifyBaseLogger,
    lookup: { ref: string; incidentId: string; address: LookupAddress; locale: string | undefined },
  ): void {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.deliver(log, lookup))
      .catch((err: unknown) => log.error({ errorCode: errorCodeOf(err) }, 'lookup code delivery failed'))
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async deliver(
    log: FastifyBaseLogger,
    { ref, incidentId, address, locale }: Parameters<LookupCodes['sendAfterAnswer']>[1],
  ): Promise<void> {
    const { ledger, sender } = this.opts;
    const linkRef = await ledger.findAffectedLinkRef(incidentId, address);
    if (linkRef === undefined) return ledger.settleLookup(ref, { outcome: 'none' });
    const incident = await ledger.getIncident(incidentId);
    if (!incident || !sender.has(address.channel)) {
      log.warn({ lookupRef: ref, channel: address.channel }, 'lookup code not sent: channel not configured');
      return ledger.settleLookup(ref, { outcome: 'failed' });
    }
    const code = String(randomInt(0, 10 ** LOOKUP_CODE_DIGITS)).padStart(LOOKUP_CODE_DIGITS, '0');
    // Stored before sending, so a person who types fast finds it.
    await ledger.settleLookup(ref, {
      outcome: 'pending',
      codeDigest: lookupDigest(this.key, 'code', code),
      linkRef,
    });
    const message = renderLookupMessage({
      locale,
      code,
      incidentTitle: incident.facts.title,
      sender: incident.facts.contact.name,
    });
    try {
      await sender.send({ channel: address.channel, to: address.address, ...message });
      await ledger.settleLookup(ref, { outcome: 'sent' });
    } catch (err) {
      // Providers' messages can quote the recipient: only the error's code is logged.
      log.warn({ lookupRef: ref, errorCode: errorCodeOf(err) }, 'lookup code not sent');
      await ledger.settleLookup(ref, { outcome: 'failed' });
    }
  }

  /** The notice link a right code opens, at the latest notice version the incident sent. */
  async noticePath(incidentId: string, linkRef: number): Promise<string> {
    const versions = (await this.opts.ledger.listAudit(incidentId))
      .filter((e) => e.action === 'incident:supplemental_notice')
      .map((e) => Number((e.details as { noticeVersion?: unknown } | null)?.noticeVersion))
      .filter((v) => Number.isInteger(v) && v > 0);
    const token = signNoticeLink(
      {
        incidentId,
        linkRef,
        noticeVersion: Math.max(1, ...versions),
        expiresAt: new Date(Date.now() + this.opts.settings.linkTtlMs),
      },
      this.opts.linkSecret,
    );
    return `/n/${token}`;
  }

  startPruning(log: FastifyBaseLogger): void {
    this.pruning = setInterval(() => {
      this.opts.ledger
        .pruneLookups(new Date(Date.now() - LOOKUP_KEPT_MS).toISOString())
        .catch((err: unknown) => log.warn({ errorCode: errorCodeOf(err) }, 'lookup pruning failed'));
    }, PRUNE_EVERY_MS);
    this.pruning.unref();
  }

  /** Waits for codes still being sent, then closes the sender. */
  async close(): Promise<void> {
    clearInterval(this.pruning);
    await Promise.allSettled([...this.inFlight]);
    await this.opts.sender.close();
  }
}
