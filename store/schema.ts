// Table shapes as Kysely sees them. Reads are loose because the two stores return different
// representations (SQLite: text JSON, 0/1, ISO text; PostgreSQL: parsed jsonb, booleans, Date);
// store/flavor.ts converts in both directions.
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
type Bool = ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
type Time = ColumnType<string | Date, string, string>;
type NullableTime = ColumnType<string | Date | null, string | null | undefined, string | null>;
type Count = ColumnType<number | string, number | undefined, number>;

export interface IncidentsTable {
  id: string;
  external_id: string | null;
  facts: Json;
  severity: string;
  phase: string;
  created_by: string;
  created_at: Time;
  updated_at: Time;
  closed_at: NullableTime;
  purged_at: NullableTime;
}

export interface AffectedUsersTable {
  incident_id: string;
  user_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  push_token: string | null;
  push_token_dead: Bool;
  locale: string | null;
  country: string | null;
  region: string | null;
  data_categories: NullableJson;
  /** PostalAddress as JSON. */
  postal_address: NullableJson;
  risk: string;
  purged: Bool;
  /** The person's number within the incident, which their notice link carries; set on insert. */
  link_ref: ColumnType<number | string | null, number, number>;
  /** The upload that last touched the row; tells duplicates within one upload from earlier uploads. */
  import_id: string | null;
  created_at: Time;
  updated_at: Time;
}

export interface AssessmentsTable {
  id: string;
  incident_id: string;
  computed_at: Time;
  counts: Json;
}

/** Progress counts kept by triggers on deliveries (store/delivery-counts.ts). */
export interface DeliveryCountsTable {
  incident_id: string;
  notice_version: number;
  channel: string;
  status: string;
  slot: number;
  n: number | string;
  duplicates: number | string;
}

export interface DeliveriesTable {
  incident_id: string;
  user_id: string;
  channel: string;
  notice_version: number;
  status: string;
  provider_id: string | null;
  error_code: string | null;
  error_message: string | null;
  attempts: Count;
  possible_duplicate: Bool;
  claimed_at: NullableTime;
  accepted_at: NullableTime;
  updated_at: Time;
  /** Letters: SHA-256 of the PDF sent. */
  content_hash?: string | null;
  /** Letters: YYYY-MM-DD, as the print-and-mail provider expects. */
  expected_delivery_date?: string | null;
  /** A `scheduled` delivery may be claimed from then on. */
  not_before: NullableTime;
  unanswered_calls: Count;
}

export interface FilingsTable {
  id: string;
  incident_id: string;
  regime: string;
  phase: string;
  status: string;
  payload: Json;
  receipt: NullableJson;
  due_at: NullableTime;
  submitted_at: NullableTime;
  created_at: Time;
  updated_at: Time;
  obligation_id: string | null;
  recipient: string | null;
  report_hash: string | null;
  acknowledgement: NullableJson;
  acknowledged_at: NullableTime;
}

export interface AnnouncementsTable {
  id: string;
  incident_id: string;
  kind: string;
  phase: string;
  status: string;
  payload: Json;
  receipt: NullableJson;
  published_at: NullableTime;
  created_at: Time;
  updated_at: Time;
  version: number | null;
  content_hash: string | null;
  locales: NullableJson;
  expires_at: NullableTime;
  archived_at: NullableTime;
}

export interface AnnouncementVersionsTable {
  announcement_id: string;
  version: number;
  incident_id: string;
  content: Json;
  content_hash: string;
  receipts: Json;
  published_at: Time;
}

export interface AuditLogTable {
  id: Generated<number | string>;
  incident_id: string | null;
  at: Time;
  actor: string;
  action: string;
  reason: string | null;
  details: NullableJson;
  /** Position in the incident's chain, from 1. */
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface AuditCheckpointsTable {
  incident_id: string;
  seq: number;
  head: string;
  key_id: string;
  signature: string;
  signed_at: Time;
}

export interface SendQuotaTable {
  channel: string;
  /** Seconds since the epoch. PostgreSQL returns bigint as a string. */
  window_start: number | string;
  used: number;
}

export interface LedgerDatabase {
  incidents: IncidentsTable;
  affected_users: AffectedUsersTable;
  assessments: AssessmentsTable;
  deliveries: DeliveriesTable;
  delivery_counts: DeliveryCountsTable;
  filings: FilingsTable;
  announcements: AnnouncementsTable;
  announcement_versions: AnnouncementVersionsTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
  send_quota: SendQuotaTable;
}
