// The ledger over Kysely, shared by both stores (store/flavor.ts holds what differs between them):
// each call goes to the repository of its entity.
import type { Kysely } from 'kysely';
import { SqlAffectedPeopleImport, type AffectedPeopleImport } from './affected-people-upsert.js';
import { SqlAffectedPeople, type AffectedPeople } from './affected-people.js';
import { SqlAnnouncementLookups, type AnnouncementLookups } from './announcement-lookups.js';
import { SqlAnnouncements, type AnnouncementStore } from './announcements.js';
import { SqlAnnouncementVersions, type AnnouncementVersions } from './announcement-versions.js';
import { SqlAssessments, type Assessments } from './assessments.js';
import { SqlAuditCheckpoints, type AuditCheckpoints } from './audit-checkpoints.js';
import { SqlAuditLog, type AuditLog } from './audit-log.js';
import { SqlDeliveryClaims, type DeliveryClaims } from './delivery-claims.js';
import { SqlDeliveryOutcomes, type DeliveryOutcomes } from './delivery-outcomes.js';
import { SqlDeliverySchedule, type DeliverySchedule } from './delivery-schedule.js';
import { SqlDeliveryQueries, type DeliveryQueries } from './delivery-queries.js';
import { SqlFilings, type FilingStore } from './filings.js';
import type { Flavor } from './flavor.js';
import { SqlIncidents, type IncidentStore } from './incidents.js';
import type { Ledger } from './ledger.js';
import { SqlOperationsSummary, type OperationsSummary } from './operations-summary.js';
import type { LedgerDatabase } from './schema.js';
import { SqlSendQuota, type SendQuota } from './send-quota.js';

type Args<S, K extends keyof S> = S[K] extends (...args: infer A) => unknown ? A : never;

export class SqlLedger implements Ledger {
  readonly kind: 'sqlite' | 'postgres';

  private closed = false;
  private readonly incidents: IncidentStore;
  private readonly audit: AuditLog;
  private readonly checkpoints: AuditCheckpoints;
  private readonly people: AffectedPeople;
  private readonly imports: AffectedPeopleImport;
  private readonly assessments: Assessments;
  private readonly claims: DeliveryClaims;
  private readonly outcomes: DeliveryOutcomes;
  private readonly schedule: DeliverySchedule;
  private readonly deliveries: DeliveryQueries;
  private readonly quota: SendQuota;
  private readonly filings: FilingStore;
  private readonly announcements: AnnouncementStore;
  private readonly lookups: AnnouncementLookups;
  private readonly announcementVersions: AnnouncementVersions;
  private readonly operations: OperationsSummary;

  /** `release` frees the connection on close: destroys it, or drops one user of a shared SQLite file. */
  constructor(
    readonly db: Kysely<LedgerDatabase>,
    flavor: Flavor,
    private readonly release: () => Promise<void> = () => db.destroy(),
  ) {
    this.kind = flavor.name;
    this.incidents = new SqlIncidents(db, flavor);
    this.audit = new SqlAuditLog(db, flavor);
    this.checkpoints = new SqlAuditCheckpoints(db, flavor);
    this.people = new SqlAffectedPeople(db, flavor);
    this.imports = new SqlAffectedPeopleImport(db, flavor);
    this.assessments = new SqlAssessments(db, flavor);
    this.claims = new SqlDeliveryClaims(db, flavor);
    this.outcomes = new SqlDeliveryOutcomes(db, flavor);
    this.schedule = new SqlDeliverySchedule(db, flavor);
    this.deliveries = new SqlDeliveryQueries(db, flavor);
    this.quota = new SqlSendQuota(db, flavor);
    this.filings = new SqlFilings(db, flavor);
    this.announcements = new SqlAnnouncements(db, flavor);
    this.lookups = new SqlAnnouncementLookups(db, flavor);
    this.announcementVersions = new SqlAnnouncementVersions(db, flavor);
    this.operations = new SqlOperationsSummary(db, flavor);
  }

  createIncident(...a: Args<IncidentStore, 'createIncident'>) {
    return this.incidents.createIncident(...a);
  }
  getIncident(...a: Args<IncidentStore, 'getIncident'>) {
    return this.incidents.getIncident(...a);
  }
  listIncidents(...a: Args<IncidentStore, 'listIncidents'>) {
    return this.incidents.listIncidents(...a);
  }
  setIncidentPhase(...a: Args<IncidentStore, 'setIncidentPhase'>) {
    return this.incidents.setIncidentPhase(...a);
  }
  updateIncidentFacts(...a: Args<IncidentStore, 'updateIncidentFacts'>) {
    return this.incidents.updateIncidentFacts(...a);
  }
  deleteIncident(...a: Args<IncidentStore, 'deleteIncident'>) {
    return this.incidents.deleteIncident(...a);
  }

  appendAudit(...a: Args<AuditLog, 'appendAudit'>) {
    return this.audit.appendAudit(...a);
  }
  listAudit(...a: Args<AuditLog, 'listAudit'>) {
    return this.audit.listAudit(...a);
  }
  auditHead(...a: Args<AuditLog, 'auditHead'>) {
    return this.audit.auditHead(...a);
  }
  recordAuditCheckpoint(...a: Args<AuditCheckpoints, 'recordAuditCheckpoint'>) {
    return this.checkpoints.recordAuditCheckpoint(...a);
  }
  listAuditCheckpoints(...a: Args<AuditCheckpoints, 'listAuditCheckpoints'>) {
    return this.checkpoints.listAuditCheckpoints(...a);
  }

  upsertAffectedUsers(...a: Args<AffectedPeopleImport, 'upsertAffectedUsers'>) {
    return this.imports.upsertAffectedUsers(...a);
  }
  pageAffectedUsers(...a: Args<AffectedPeople, 'pageAffectedUsers'>) {
    return this.people.pageAffectedUsers(...a);
  }
  pageAffectedUserIds(...a: Args<AffectedPeople, 'pageAffectedUserIds'>) {
    return this.people.pageAffectedUserIds(...a);
  }
  getAffectedUser(...a: Args<AffectedPeople, 'getAffectedUser'>) {
    return this.people.getAffectedUser(...a);
  }
  getAffectedUserByLinkRef(...a: Args<AffectedPeople, 'getAffectedUserByLinkRef'>) {
    return this.people.getAffectedUserByLinkRef(...a);
  }
  markPushTokenDead(...a: Args<AffectedPeople, 'markPushTokenDead'>) {
    return this.people.markPushTokenDead(...a);
  }
  reachGroups(...a: Args<AffectedPeople, 'reachGroups'>) {
    return this.people.reachGroups(...a);
  }

  assess(...a: Args<Assessments, 'assess'>) {
    return this.assessments.assess(...a);
  }
  latestAssessment(...a: Args<Assessments, 'latestAssessment'>) {
    return this.assessments.latestAssessment(...a);
  }
  purgePersonalData(...a: Args<Assessments, 'purgePersonalData'>) {
    return this.assessments.purgePersonalData(...a);
  }

  claimDeliveries(...a: Args<DeliveryClaims, 'claimDeliveries'>) {
    return this.claims.claimDeliveries(...a);
  }
  recordDeliveryOutcomes(...a: Args<DeliveryOutcomes, 'recordDeliveryOutcomes'>) {
    return this.outcomes.recordDeliveryOutcomes(...a);
  }
  recordProviderCallback(...a: Args<DeliveryOutcomes, 'recordProviderCallback'>) {
    return this.outcomes.recordProviderCallback(...a);
  }
  scheduleDeliveries(...a: Args<DeliverySchedule, 'scheduleDeliveries'>) {
    return this.schedule.scheduleDeliveries(...a);
  }
  recordUnansweredCall(...a: Args<DeliverySchedule, 'recordUnansweredCall'>) {
    return this.schedule.recordUnansweredCall(...a);
  }
  deliveryScheduleState(...a: Args<DeliverySchedule, 'deliveryScheduleState'>) {
    return this.schedule.deliveryScheduleState(...a);
  }
  deliveriesOf(...a: Args<DeliveryQueries, 'deliveriesOf'>) {
    return this.deliveries.deliveriesOf(...a);
  }
  getDelivery(...a: Args<DeliveryQueries, 'getDelivery'>) {
    return this.deliveries.getDelivery(...a);
  }
  deliveryCounts(...a: Args<DeliveryQueries, 'deliveryCounts'>) {
    return this.deliveries.deliveryCounts(...a);
  }
  countDeliveryRows(...a: Args<DeliveryQueries, 'countDeliveryRows'>) {
    return this.deliveries.countDeliveryRows(...a);
  }
  reconcileDeliveryCounts(...a: Args<DeliveryQueries, 'reconcileDeliveryCounts'>) {
    return this.deliveries.reconcileDeliveryCounts(...a);
  }
  pageDeliveries(...a: Args<DeliveryQueries, 'pageDeliveries'>) {
    return this.deliveries.pageDeliveries(...a);
  }
  takeSendQuota(...a: Args<SendQuota, 'takeSendQuota'>) {
    return this.quota.takeSendQuota(...a);
  }

  saveFiling(...a: Args<FilingStore, 'saveFiling'>) {
    return this.filings.saveFiling(...a);
  }
  getFiling(...a: Args<FilingStore, 'getFiling'>) {
    return this.filings.getFiling(...a);
  }
  listFilings(...a: Args<FilingStore, 'listFilings'>) {
    return this.filings.listFilings(...a);
  }
  listFilingsForRecipient(...a: Args<FilingStore, 'listFilingsForRecipient'>) {
    return this.filings.listFilingsForRecipient(...a);
  }
  saveAnnouncement(...a: Args<AnnouncementStore, 'saveAnnouncement'>) {
    return this.announcements.saveAnnouncement(...a);
  }
  getAnnouncement(...a: Args<AnnouncementStore, 'getAnnouncement'>) {
    return this.announcements.getAnnouncement(...a);
  }
  listAnnouncements(...a: Args<AnnouncementStore, 'listAnnouncements'>) {
    return this.announcements.listAnnouncements(...a);
  }
  listPublicAnnouncements(...a: Args<AnnouncementStore, 'listPublicAnnouncements'>) {
    return this.announcements.listPublicAnnouncements(...a);
  }
  archiveAnnouncementRecord(...a: Args<AnnouncementStore, 'archiveAnnouncementRecord'>) {
    return this.announcements.archiveAnnouncementRecord(...a);
  }
  recordAnnouncementVersion(...a: Args<AnnouncementVersions, 'recordAnnouncementVersion'>) {
    return this.announcementVersions.recordAnnouncementVersion(...a);
  }
  recordAnnouncementReceipt(...a: Args<AnnouncementVersions, 'recordAnnouncementReceipt'>) {
    return this.announcementVersions.recordAnnouncementReceipt(...a);
  }
  getAnnouncementVersion(...a: Args<AnnouncementVersions, 'getAnnouncementVersion'>) {
    return this.announcementVersions.getAnnouncementVersion(...a);
  }
  listAnnouncementVersions(...a: Args<AnnouncementVersions, 'listAnnouncementVersions'>) {
    return this.announcementVersions.listAnnouncementVersions(...a);
  }
  recentAnnouncementVersions(...a: Args<AnnouncementVersions, 'recentAnnouncementVersions'>) {
    return this.announcementVersions.recentAnnouncementVersions(...a);
  }

  countAddressLookup(...a: Args<AnnouncementLookups, 'countAddressLookup'>) {
    return this.lookups.countAddressLookup(...a);
  }
  startLookup(...a: Args<AnnouncementLookups, 'startLookup'>) {
    return this.lookups.startLookup(...a);
  }
  findAffectedLinkRef(...a: Args<AnnouncementLookups, 'findAffectedLinkRef'>) {
    return this.lookups.findAffectedLinkRef(...a);
  }
  settleLookup(...a: Args<AnnouncementLookups, 'settleLookup'>) {
    return this.lookups.settleLookup(...a);
  }
  tryLookupCode(...a: Args<AnnouncementLookups, 'tryLookupCode'>) {
    return this.lookups.tryLookupCode(...a);
  }
  useLookup(...a: Args<AnnouncementLookups, 'useLookup'>) {
    return this.lookups.useLookup(...a);
  }
  getLookup(...a: Args<AnnouncementLookups, 'getLookup'>) {
    return this.lookups.getLookup(...a);
  }
  pruneLookups(...a: Args<AnnouncementLookups, 'pruneLookups'>) {
    return this.lookups.pruneLookups(...a);
  }

  operationsSummary(...a: Args<OperationsSummary, 'operationsSummary'>) {
    return this.operations.operationsSummary(...a);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }
}
