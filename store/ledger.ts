// The service's own records, kept outside Temporal history: incidents, the affected-user snapshot,
// deliveries, filings, announcements and the audit log. One interface, two stores (SQLite, PostgreSQL).
import type { AffectedUser } from '../domain/affected-user.js';
import type { AssessmentCounts, RiskLevel } from '../domain/assessment.js';
import type { IncidentFacts, Severity } from '../domain/incident.js';
import type { Phase } from '../domain/phases.js';

export interface IncidentRecord {
  id: string;
  externalId: string | null;
  facts: IncidentFacts;
  severity: Severity;
  phase: Phase;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** When the personal data of the affected people was purged under the retention policy. */
  purgedAt: string | null;
}

export interface NewIncident {
  /** Generated (UUID) when absent. */
  id?: string;
  facts: IncidentFacts;
  createdBy: string;
  /** Defaults to `opened`. */
  phase?: Phase;
  /** ISO 8601; defaults to now. */
  createdAt?: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

export interface AuditEntry {
  id: number;
  incidentId: string | null;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  details: Record<string, unknown> | null;
}
export interface NewAuditEntry {
  incidentId: string | null;
  actor: string;
  action: string;
  reason?: string;
  details?: Record<string, unknown>;
  /** ISO 8601; defaults to now. */
  at?: string;
}

export interface StoredAffectedUser extends AffectedUser {
  /** The person's number within the incident, which their notice link carries instead of the userId. */
  linkRef: number;
  risk: RiskLevel;
  pushTokenDead: boolean;
  purged: boolean;
}

export interface UpsertOptions {
  /**
   * Identifies one upload across its batches: a row whose user was already written under the
   * same import id counts as a duplicate, so `duplicates` is a property of the file, not of the store.
   */
  importId?: string;
}

/** inserted + merged + unchanged = the distinct people of the call not already seen in the same import. */
export interface UpsertResult {
  /** People new to the snapshot. */
  inserted: number;
  /** People in the snapshot before (this import) whose record changed by merging the new data. */
  merged: number;
  /** People in the snapshot before (this import) with nothing new. */
  unchanged: number;
  /** Rows folded into another row of the same user (same call, or earlier in the same import). */
  duplicates: number;
}

export type Channel = 'email' | 'sms' | 'push';
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'push'];

export interface AffectedUserPageOptions {
  afterUserId?: string;
  /** Up to and including this userId. */
  throughUserId?: string;
  limit: number;
  /** Only people with contact data for this channel (a live push token for `push`). */
  reachableBy?: Channel;
}

export const DELIVERY_STATUSES = [
  'claimed',
  'accepted',
  'delivered',
  'failed_retryable',
  'failed_permanent',
  'unreachable',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryKey {
  incidentId: string;
  userId: string;
  channel: Channel;
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
  'claimed' | 'reclaimed' | 'already_accepted' | 'already_claimed' | 'already_failed' | 'already_unreachable';

export interface ClaimOptions {
  /** ISO 8601; defaults to now. */
  now?: string;
  /** Take over a `claimed` row older than this. Without it a stale claim is never taken over. */
  reclaimAfterMs?: number;
}

export type DeliveryOutcome =
  | { status: 'accepted'; providerId: string; at?: string }
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
  channel: Channel;
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
  /** Marked unreachable on this channel (no contact data, dead token, or given up after failing). */
  unreachable: number;
}

export interface DeliveryCounts {
  channels: Record<Channel, ChannelProgress>;
  /** Distinct people marked unreachable on some channel. */
  unreachable: number;
  /** Sends that may have gone out twice: a claim taken over after its worker died before recording. */
  possibleDuplicates: number;
}

export interface DeliveryPageOptions {
  channel?: Channel;
  /** One status or any of several (e.g. accepted and delivered: everyone notified). */
  status?: DeliveryStatus | readonly DeliveryStatus[];
  noticeVersion?: number;
  cursor?: string;
  limit: number;
}

export interface StoredAssessment {
  id: string;
  incidentId: string;
  at: string;
  counts: AssessmentCounts;
}

export interface Ledger {
  readonly kind: 'sqlite' | 'postgres';

  /** Idempotent on `facts.externalId`: a second call returns the existing incident with `created: false`. */
  createIncident(rec: NewIncident): Promise<{ incident: IncidentRecord; created: boolean }>;
  getIncident(id: string): Promise<IncidentRecord | undefined>;
  /** Newest first. */
  listIncidents(opts: { phase?: Phase; limit: number; cursor?: string }): Promise<Page<IncidentRecord>>;
  /** Sets `closedAt` when the phase is final. Throws IncidentNotFoundError. */
  setIncidentPhase(id: string, phase: Phase, at: string): Promise<void>;
  /** For supplemental notices: replaces the facts (severity follows them). Throws IncidentNotFoundError. */
  updateIncidentFacts(id: string, facts: IncidentFacts, at: string): Promise<void>;
  /** Removes the incident and everything hanging off it except the audit log; false if absent. */
  deleteIncident(id: string): Promise<boolean>;

  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Oldest first. */
  listAudit(incidentId: string): Promise<AuditEntry[]>;

  /**
   * Adds people to an incident's snapshot in one transaction. Rows of the same user are merged:
   * a later non-empty field wins, data categories are united. Re-upserting the same rows changes nothing.
   * Throws IncidentNotFoundError, or AffectedUsersFrozenError once notices have started.
   */
  upsertAffectedUsers(
    incidentId: string,
    rows: readonly AffectedUser[],
    opts?: UpsertOptions,
  ): Promise<UpsertResult>;
  /** Ordered by userId (keyset). */
  pageAffectedUsers(incidentId: string, opts: AffectedUserPageOptions): Promise<StoredAffectedUser[]>;
  getAffectedUser(incidentId: string, userId: string): Promise<StoredAffectedUser | undefined>;
  /** The person a notice link names (StoredAffectedUser.linkRef). */
  getAffectedUserByLinkRef(incidentId: string, linkRef: number): Promise<StoredAffectedUser | undefined>;
  /** Computes the counts in SQL and records them; once purged, returns the counts recorded at the purge. */
  assess(incidentId: string): Promise<AssessmentCounts>;
  latestAssessment(incidentId: string): Promise<StoredAssessment | undefined>;
  /**
   * Erases names and contact data of the snapshot (and redacted delivery messages), keeping userId,
   * country, region, locale and risk so counts stay; records the assessment first. Returns the number
   * of people purged (0 when already purged).
   */
  purgePersonalData(incidentId: string, at?: string): Promise<number>;
  markPushTokenDead(incidentId: string, userId: string): Promise<void>;

  claimDelivery(key: DeliveryKey, opts?: ClaimOptions): Promise<ClaimResult>;
  /** One statement per step for a whole page of one channel; results follow `userIds` order. */
  claimDeliveries(
    batch: { incidentId: string; channel: Channel; noticeVersion: number },
    userIds: readonly string[],
    opts?: ClaimOptions,
  ): Promise<ClaimResult[]>;
  /**
   * Records what happened to a send. Never moves a row backwards: an `accepted` arriving after the
   * provider's `delivered` callback keeps `delivered`. Returns the row's status afterwards
   * (undefined when no such delivery exists and the outcome needs one).
   */
  recordDeliveryOutcome(key: DeliveryKey, outcome: DeliveryOutcome): Promise<DeliveryStatus | undefined>;
  /** Many outcomes in one transaction (a page of sends); results follow `items` order. */
  recordDeliveryOutcomes(
    items: readonly { key: DeliveryKey; outcome: DeliveryOutcome }[],
  ): Promise<(DeliveryStatus | undefined)[]>;
  /**
   * For provider callbacks (Twilio's status callbacks) about the message `providerId`. With `key`
   * (the callback carried a sealed delivery reference) the delivery is found by its key, unless it
   * already names another message. Without it (messages sent before references were added) by the
   * provider's id alone, which no index covers: a scan of the deliveries.
   */
  recordProviderCallback(
    channel: 'sms',
    providerId: string,
    outcome: Exclude<DeliveryOutcome, { status: 'unreachable' }>,
    key?: DeliveryKey,
  ): Promise<DeliveryStatus | undefined>;
  getDelivery(key: DeliveryKey): Promise<DeliveryRecord | undefined>;
  /**
   * Takes `count` sends of `channel` from the second starting at `windowStart` (seconds since the
   * epoch), counted for every worker together; false, taking nothing, when that would pass `limit`.
   */
  takeSendQuota(channel: Channel, windowStart: number, count: number, limit: number): Promise<boolean>;
  /** Every delivery row of these people for one notice version (any channel), in no set order. */
  deliveriesOf(
    incidentId: string,
    noticeVersion: number,
    userIds: readonly string[],
  ): Promise<DeliveryRecord[]>;
  /** The user ids of a page of the affected set, without the rest of the row. */
  pageAffectedUserIds(
    incidentId: string,
    opts: Pick<AffectedUserPageOptions, 'afterUserId' | 'limit' | 'reachableBy'>,
  ): Promise<string[]>;
  deliveryCounts(incidentId: string, opts?: { noticeVersion?: number }): Promise<DeliveryCounts>;
  /** Ordered by (userId, channel, noticeVersion); no personal data beyond the userId. */
  pageDeliveries(incidentId: string, opts: DeliveryPageOptions): Promise<Page<DeliveryRecord>>;

  /** Creates or replaces a regulator filing by id (the filings issue decides ids and statuses). */
  saveFiling(rec: NewFiling): Promise<FilingRecord>;
  getFiling(id: string): Promise<FilingRecord | undefined>;
  /** Oldest first. */
  listFilings(incidentId: string): Promise<FilingRecord[]>;
  /** Creates or replaces a public announcement by id. */
  saveAnnouncement(rec: NewAnnouncement): Promise<AnnouncementRecord>;
  getAnnouncement(id: string): Promise<AnnouncementRecord | undefined>;
  /** Oldest first. */
  listAnnouncements(incidentId: string): Promise<AnnouncementRecord[]>;

  close(): Promise<void>;
}

export interface FilingRecord {
  id: string;
  incidentId: string;
  /** e.g. gdpr, ccpa, cac. */
  regime: string;
  /** e.g. initial, supplement, final. */
  phase: string;
  status: string;
  payload: unknown;
  receipt: unknown;
  dueAt: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface NewFiling {
  /** Generated (UUID) when absent. */
  id?: string;
  incidentId: string;
  regime: string;
  phase: string;
  status: string;
  payload: unknown;
  receipt?: unknown;
  dueAt?: string | null;
  submittedAt?: string | null;
  /** ISO 8601; defaults to now. */
  at?: string;
}

export interface AnnouncementRecord {
  id: string;
  incidentId: string;
  /** e.g. website, media, substitute_notice. */
  kind: string;
  phase: string;
  status: string;
  payload: unknown;
  receipt: unknown;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface NewAnnouncement {
  id?: string;
  incidentId: string;
  kind: string;
  phase: string;
  status: string;
  payload: unknown;
  receipt?: unknown;
  publishedAt?: string | null;
  at?: string;
}

export class IncidentNotFoundError extends Error {
  constructor(readonly incidentId: string) {
    super(`incident ${incidentId} not found`);
    this.name = 'IncidentNotFoundError';
  }
}

/** The affected-user list is frozen once notices have started (the API answers 409). */
export class AffectedUsersFrozenError extends Error {
  constructor(
    readonly incidentId: string,
    readonly phase: Phase,
  ) {
    super(`incident ${incidentId} is ${phase}: affected users can no longer change`);
    this.name = 'AffectedUsersFrozenError';
  }
}

/** A cursor that this store did not issue (the API answers 400). */
export class InvalidCursorError extends Error {
  constructor() {
    super('invalid cursor');
    this.name = 'InvalidCursorError';
  }
}
