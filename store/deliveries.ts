// Deliveries: one row per person, channel and notice version, from the claim of a send to what the
// provider said of it. The repositories of deliveries (claims, outcomes, queries) share what is here.
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { NoticeChannel } from '../domain/fallback.js';
import type { Flavor } from './flavor.js';
import type { DeliveriesTable, LedgerDatabase } from './schema.js';

export const DELIVERY_STATUSES = [
  'claimed',
  'accepted',
  'delivered',
  'failed_retryable',
  'failed_permanent',
  'unreachable',
  /** Waits for a later pass of the fan-out: quiet hours, or a call to try again; see `not_before`. */
  'scheduled',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryKey {
  incidentId: string;
  userId: string;
  channel: NoticeChannel;
  noticeVersion: number;
}

/**
 * - `claimed`: the caller now owns the send (new row, or a retryable failure tried again).
 * - `reclaimed`: a claim older than `reclaimAfterMs` whose outcome was never recorded (its worker
 *   died); the caller owns it now, and the row is flagged as a possible duplicate.
 * - `already_accepted`: the provider took it before (accepted or delivered): do not send.
 * - `already_claimed`: another attempt holds a recent claim: do not send now.
 * - `already_failed`: failed permanently: do not send; fall through to the next channel.
 * - `already_unreachable`: marked unreachable on this channel.
 */
export type ClaimResult =
  | 'claimed'
  | 'reclaimed'
  | 'already_accepted'
  | 'already_claimed'
  | 'already_failed'
  | 'already_unreachable'
  /** Waits for a later pass (quiet hours, a call to try again): do not send now, do not fall back. */
  | 'already_scheduled';

export interface ClaimOptions {
  /** ISO 8601; defaults to now. */
  now?: string;
  /** Take over a `claimed` row older than this. Without it a stale claim is never taken over. */
  reclaimAfterMs?: number;
}

export type DeliveryOutcome =
  | {
      status: 'accepted';
      providerId: string;
      at?: string;
      /** Letters: what was printed, and when it should arrive. */
      contentHash?: string;
      expectedDeliveryDate?: string;
    }
  | { status: 'delivered'; providerId?: string; at?: string }
  | {
      status: 'failed_retryable' | 'failed_permanent';
      errorCode?: string;
      errorMessage?: string;
      at?: string;
    }
  | { status: 'unreachable'; reason: string; at?: string };

export interface DeliveryRecord {
  incidentId: string;
  userId: string;
  channel: NoticeChannel;
  noticeVersion: number;
  status: DeliveryStatus;
  providerId: string | null;
  errorCode: string | null;
  /** Email addresses and phone numbers are redacted before they are stored. */
  errorMessage: string | null;
  attempts: number;
  possibleDuplicate: boolean;
  claimedAt: string | null;
  acceptedAt: string | null;
  updatedAt: string;
  /** Letters only: SHA-256 of the PDF sent. */
  contentHash?: string;
  /** Letters only: when the provider expects it to arrive (YYYY-MM-DD). */
  expectedDeliveryDate?: string;
}

export interface ChannelProgress {
  /** Claimed or waiting for a retry. */
  pending: number;
  /** Taken by the provider (accepted or delivered). */
  sent: number;
  /** Confirmed delivered by the provider. */
  delivered: number;
  /** Failed permanently. */
  failed: number;
  /** Held for the person's quiet hours, or a call waiting to be tried again. */
  scheduled: number;
  /** Marked unreachable on this channel (no contact data, dead token, or given up after failing). */
  unreachable: number;
}

export interface DeliveryCounts {
  channels: Record<NoticeChannel, ChannelProgress>;
  /** Distinct people marked unreachable on some channel. */
  unreachable: number;
  /** Sends that may have gone out twice: a claim taken over after its worker died before recording. */
  possibleDuplicates: number;
}

export interface DeliveryPageOptions {
  channel?: NoticeChannel;
  /** One status or any of several (e.g. accepted and delivered: everyone notified). */
  status?: DeliveryStatus | readonly DeliveryStatus[];
  noticeVersion?: number;
  cursor?: string;
  limit: number;
}

export type DeliveryFilter = (eb: ExpressionBuilder<LedgerDatabase, 'deliveries'>) => Expression<SqlBool>;

/** One delivery by its claim key (the primary key). */
export function deliveryByKey(key: DeliveryKey): DeliveryFilter {
  return (eb) =>
    eb.and([
      eb('incident_id', '=', key.incidentId),
      eb('user_id', '=', key.userId),
      eb('channel', '=', key.channel),
      eb('notice_version', '=', key.noticeVersion),
    ]);
}

/**
 * A status condition for deliveries looked up by their claim key. Written so that SQLite does not take
 * it for the progress index: with incident, version, channel and status all given, it would walk every
 * delivery in that status (thousands while a provider is down) instead of finding each person by key.
 */
export function statusOneOf(statuses: readonly DeliveryStatus[]) {
  return sql<SqlBool>`coalesce(${sql.ref('status')}, '') in (${sql.join(statuses)})`;
}

export function toDelivery(f: Flavor, r: Selectable<DeliveriesTable>): DeliveryRecord {
  return {
    incidentId: r.incident_id,
    userId: r.user_id,
    channel: r.channel as NoticeChannel,
    noticeVersion: Number(r.notice_version),
    status: r.status as DeliveryStatus,
    providerId: r.provider_id,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    attempts: Number(r.attempts),
    possibleDuplicate: f.readBool(r.possible_duplicate),
    claimedAt: f.readOptionalTime(r.claimed_at),
    acceptedAt: f.readOptionalTime(r.accepted_at),
    updatedAt: f.readTime(r.updated_at),
    ...(r.content_hash ? { contentHash: r.content_hash } : {}),
    ...(r.expected_delivery_date ? { expectedDeliveryDate: r.expected_delivery_date } : {}),
  };
}
