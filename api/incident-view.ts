import { announcementStatus, type AnnouncementStatusView } from '../domain/announcement/status.js';
import type { AssessmentCounts } from '../domain/assessment.js';
import { announcementView } from './announcement-view.js';
import { translationCoverage } from '../domain/notice/translation.js';
import { summariseObligations, type Obligation } from '../domain/obligations/engine.js';
import type { AnnouncementRecord, DeliveryCounts, IncidentRecord } from '../store/ledger.js';
import type { IncidentState } from '../workflows/incident-messages.js';

export function incidentLinks(id: string) {
  const self = `/v1/incidents/${id}`;
  return {
    self,
    approve: `${self}/approve`,
    cancel: `${self}/cancel`,
    close: `${self}/close`,
    affectedUsers: `${self}/affected-users`,
    judgements: `${self}/judgements`,
    deliveries: `${self}/deliveries`,
    audit: `${self}/audit`,
  };
}

/** What a responder sees of an incident: its facts from the ledger and, when reachable, the live state. */
export interface IncidentReadings {
  /** The workflow's live state; absent when no worker answered in time. */
  state?: IncidentState;
  /** The last recorded assessment, used when the live state has none. */
  assessment?: AssessmentCounts;
  obligations?: Obligation[];
  deliveries?: DeliveryCounts;
  /** The incident's announcement, when there is one. */
  announcement?: AnnouncementStatusView;
}

/** The incident's announcement for its view: the one announcement of the incident, if any. */
export function incidentAnnouncement(
  records: readonly AnnouncementRecord[],
  baseUrl: string,
): AnnouncementStatusView | undefined {
  const record = records.at(-1);
  return record && announcementStatus(record, baseUrl);
}

/**
 * Which of the affected people's locales (from the assessment) read the incident's text translated,
 * and which fall back to the original text.
 */
export function incidentTranslations(incident: IncidentRecord, assessment: AssessmentCounts | undefined) {
  return translationCoverage(incident.facts, Object.keys(assessment?.byLocale ?? {}));
}

export function incidentView(
  incident: IncidentRecord,
  { state, assessment, obligations, deliveries, announcement }: IncidentReadings = {},
) {
  return {
    id: incident.id,
    externalId: incident.externalId,
    phase: state?.phase ?? incident.phase,
    live: state !== undefined,
    severity: incident.severity,
    createdAt: incident.createdAt,
    createdBy: incident.createdBy,
    facts: incident.facts,
    history: state?.history,
    assessment: state?.assessment ?? assessment,
    translations: incidentTranslations(incident, state?.assessment ?? assessment),
    directoryImport: state?.directoryImport,
    supplements: state?.supplements,
    judgements: state?.judgements,
    notices: deliveries && {
      ...deliveries.channels,
      unreachable: deliveries.unreachable,
      possibleDuplicates: deliveries.possibleDuplicates,
    },
    obligations: obligations ?? state?.obligations,
    obligationSummary: obligations ? summariseObligations(obligations) : undefined,
    approval: state?.approval,
    monitoringPeriodEnded: state?.monitoringPeriodEnded,
    // The live workflow's announcement (with its decision); the ledger's when no worker answered.
    announcement: state?.announcement
      ? announcementView(state.announcement)
      : announcement && { ...announcement },
    filings: state?.filings,
    links: incidentLinks(incident.id),
  };
}

export function incidentSummary(incident: IncidentRecord) {
  return {
    id: incident.id,
    externalId: incident.externalId,
    title: incident.facts.title,
    phase: incident.phase,
    severity: incident.severity,
    createdAt: incident.createdAt,
    links: incidentLinks(incident.id),
  };
}
