// The service's own records, kept outside Temporal history: one small interface per entity (each in
// its own file with its SQL repository), and the Ledger that callers hold, which is all of them.
import type { AffectedPeopleImport } from './affected-people-upsert.js';
import type { AffectedPeople } from './affected-people.js';
import type { AnnouncementLookups } from './announcement-lookups.js';
import type { AnnouncementVersions } from './announcement-versions.js';
import type { AnnouncementStore } from './announcements.js';
import type { Assessments } from './assessments.js';
import type { AuditCheckpoints } from './audit-checkpoints.js';
import type { AuditLog } from './audit-log.js';
import type { DeliveryClaims } from './delivery-claims.js';
import type { DeliveryOutcomes } from './delivery-outcomes.js';
import type { DeliveryQueries } from './delivery-queries.js';
import type { DeliverySchedule } from './delivery-schedule.js';
import type { FilingStore } from './filings.js';
import type { IncidentStore } from './incidents.js';
import type { OperationsSummary } from './operations-summary.js';
import type { SendQuota } from './send-quota.js';

export type { AffectedPeopleImport } from './affected-people-upsert.js';
export {
  AffectedUsersFrozenError,
  type AffectedPeople,
  type AffectedUserPageOptions,
  type StoredAffectedUser,
  type UpsertOptions,
  type UpsertResult,
} from './affected-people.js';
export type { AnnouncementLookups, LookupOutcome, NewLookup, StoredLookup } from './announcement-lookups.js';
export type { AnnouncementRecord, AnnouncementStore, NewAnnouncement } from './announcements.js';
export type { AnnouncementVersionRecord, AnnouncementVersions } from './announcement-versions.js';
export type { Assessments, StoredAssessment } from './assessments.js';
export type { AuditCheckpoint, AuditCheckpoints } from './audit-checkpoints.js';
export type { AuditEntry, AuditHead, AuditLog, NewAuditEntry } from './audit-log.js';
export {
  DELIVERY_STATUSES,
  type ChannelProgress,
  type ClaimOptions,
  type ClaimResult,
  type DeliveryCounts,
  type DeliveryKey,
  type DeliveryOutcome,
  type DeliveryPageOptions,
  type DeliveryRecord,
  type DeliveryStatus,
} from './deliveries.js';
export type { ClaimBatch, DeliveryClaims } from './delivery-claims.js';
export type { DeliveryOutcomes } from './delivery-outcomes.js';
export type { DeliveryQueries } from './delivery-queries.js';
export type { CountDrift, CountsReconciliation } from './delivery-counts.js';
export type { DeliverySchedule, ScheduleState, UnansweredCall } from './delivery-schedule.js';
export type { FilingRecord, FilingStore, NewFiling } from './filings.js';
export {
  IncidentNotFoundError,
  type IncidentRecord,
  type IncidentStore,
  type NewIncident,
} from './incidents.js';
export { InvalidCursorError, type Page } from './page.js';
export type { SendQuota } from './send-quota.js';
export type { OperationsCounts, OperationsSummary } from './operations-summary.js';

/** One interface, two stores (SQLite, PostgreSQL). */
export interface Ledger
  extends
    IncidentStore,
    AuditLog,
    AuditCheckpoints,
    AffectedPeople,
    AffectedPeopleImport,
    Assessments,
    DeliveryClaims,
    DeliveryOutcomes,
    DeliveryQueries,
    DeliverySchedule,
    SendQuota,
    FilingStore,
    AnnouncementStore,
    AnnouncementLookups,
    AnnouncementVersions,
    OperationsSummary {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}
