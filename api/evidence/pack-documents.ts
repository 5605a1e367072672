// What an evidence pack says, gathered from the ledger (and the workflow's state when it answers):
// the incident and its versions, the timeline, judgements, obligations, notices as sent (written for a
// made-up person), filings, announcements and the audit chain. No affected person's contact data.
import { canonicalJson, sha256Hex } from '../../domain/evidence/audit-chain.js';
import { DEFAULT_NOTICE_LOCALE, noticeWriter } from '../../domain/notice/index.js';
import { noticeIncident } from '../../domain/notice/incident-notice.js';
import { RAW_REGIMES } from '../../domain/obligations/rules-pack.js';
import { renderFilingPdf } from '../../platform/filing-documents.js';
import type { FilingReport } from '../../domain/filing/report.js';
import type { AuditEntry, IncidentRecord, Ledger } from '../../store/ledger.js';
import type { IncidentState } from '../../workflows/incident-messages.js';
import { SAMPLE_PERSON } from '../preview.js';

export interface PackFile {
  path: string;
  data: Buffer;
}

const json = (path: string, value: unknown): PackFile => ({
  path,
  data: Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8'),
});

/** The rules pack has no release number: its content hash names the version the obligations came from. */
export const RULES_PACK_VERSION = sha256Hex(canonicalJson(RAW_REGIMES));

function incidentDocument(incident: IncidentRecord, audit: AuditEntry[], state: IncidentState | undefined) {
  const versions = audit
    .filter((e) => e.action === 'incident:opened' || e.action === 'incident:supplemental_notice')
    .map((e) => ({
      at: e.at,
      by: e.actor,
      action: e.action,
      reason: e.reason,
      details: e.details,
      auditSeq: e.seq,
    }));
  return {
    id: incident.id,
    externalId: incident.externalId,
    severity: incident.severity,
    phase: incident.phase,
    createdBy: incident.createdBy,
    createdAt: incident.createdAt,
    closedAt: incident.closedAt,
    purgedAt: incident.purgedAt,
    facts: incident.facts,
    factsSha256: sha256Hex(canonicalJson(incident.facts)),
    versions,
    factVersions: factVersions(audit),
    supplements: state?.supplements ?? null,
  };
}

/** Each distinct version of the facts, as the phase anchors recorded them, with when it was first seen. */
function factVersions(audit: AuditEntry[]) {
  const seen = new Map<
    string,
    { sha256: string; firstAnchoredAt: string; auditSeq: number; facts: unknown }
  >();
  for (const e of audit) {
    const d = e.details as { facts?: unknown; factsSha256?: string } | null;
    if (!e.action.startsWith('evidence:anchored:') || !d?.factsSha256 || seen.has(d.factsSha256)) continue;
    seen.set(d.factsSha256, {
      sha256: d.factsSha256,
      firstAnchoredAt: e.at,
      auditSeq: e.seq,
      facts: d.facts,
    });
  }
  return [...seen.values()];
}

function timelineDocument(audit: AuditEntry[], state: IncidentState | undefined) {
  return {
    phases: audit
      .filter((e) => e.action.startsWith('phase:'))
      .map((e) => ({
        phase: e.action.slice('phase:'.length),
        at: e.at,
        actor: e.actor,
        reason: e.reason,
        auditSeq: e.seq,
      })),
    decisions: audit
      .filter((e) => /^(incident|announcement|filing|retention|monitoring):/.test(e.action))
      .map((e) => ({ action: e.action, at: e.at, actor: e.actor, reason: e.reason, auditSeq: e.seq })),
    workflowHistory: state?.history ?? null,
    auditHeads: state?.auditHeads ?? null,
  };
}

/** Every notice version, per locale and channel, as the template wrote it for a made-up person. */
function noticeFiles(
  incident: IncidentRecord,
  audit: AuditEntry[],
  state: IncidentState | undefined,
): PackFile[] {
  const versions = [
    1,
    ...audit
      .filter((e) => e.action === 'incident:supplemental_notice')
      .map((e) => Number((e.details as { noticeVersion?: unknown } | null)?.noticeVersion))
      .filter((v) => Number.isInteger(v) && v > 1),
  ];
  const locales = new Set<string>([DEFAULT_NOTICE_LOCALE, ...Object.keys(state?.assessment?.byLocale ?? {})]);
  if (incident.facts.originalLocale) locales.add(incident.facts.originalLocale);
  const files: PackFile[] = [];
  for (const version of versions) {
    const write = noticeWriter({ incident: noticeIncident(incident.facts), noticeVersion: version });
    for (const locale of locales) {
      let n;
      try {
        n = write({
          locale,
          person: { ...SAMPLE_PERSON },
          noticeUrl: 'https://notice.example/n/sample-notice-link',
        });
      } catch {
        continue; // a locale the templates do not know was sent in the default language, which is here
      }
      const channels = {
        email: { subject: n.email.subject, text: n.email.text, html: n.email.html },
        sms: { text: n.sms },
        push: n.push,
      };
      for (const [channel, content] of Object.entries(channels)) {
        files.push(
          json(`notices/v${version}/${locale}/${channel}.json`, {
            noticeVersion: version,
            locale,
            channel,
            writtenFor: SAMPLE_PERSON.name,
            templateHash: sha256Hex(canonicalJson(content)),
            content,
          }),
        );
      }
    }
  }
  return files;
}

async function filingFiles(ledger: Ledger, incidentId: string): Promise<PackFile[]> {
  const files: PackFile[] = [];
  for (const f of await ledger.listFilings(incidentId)) {
    const base = `filings/${f.id}`;
    files.push(json(`${base}/filing.json`, f));
    if (f.receipt !== null && f.receipt !== undefined) files.push(json(`${base}/receipt.json`, f.receipt));
    if (f.acknowledgement !== null && f.acknowledgement !== undefined) {
      files.push(json(`${base}/acknowledgement.json`, f.acknowledgement));
    }
    if (f.payload !== null && f.payload !== undefined) {
      files.push({ path: `${base}/report.pdf`, data: await renderFilingPdf(f.payload as FilingReport) });
    }
  }
  return files;
}

async function announcementFiles(ledger: Ledger, incidentId: string): Promise<PackFile[]> {
  const files: PackFile[] = [];
  for (const a of await ledger.listAnnouncements(incidentId)) {
    files.push(json(`announcements/${a.id}/announcement.json`, a));
    for (const v of await ledger.listAnnouncementVersions(a.id)) {
      files.push(json(`announcements/${a.id}/v${v.version}.json`, v));
    }
  }
  return files;
}

/** Everything but the deliveries (streamed) and the summary (drawn from these). */
export async function packDocuments(
  ledger: Ledger,
  incident: IncidentRecord,
  audit: AuditEntry[],
  state: IncidentState | undefined,
): Promise<PackFile[]> {
  const judgements = audit
    .filter((e) => e.action.startsWith('judgement:'))
    .map((e) => ({ at: e.at, by: e.actor, reason: e.reason, recorded: e.details, auditSeq: e.seq }));
  return [
    json('incident.json', incidentDocument(incident, audit, state)),
    json('timeline.json', timelineDocument(audit, state)),
    json('judgements.json', { judgements, inWorkflow: state?.judgements ?? null }),
    json('obligations.json', {
      rulesPackVersion: RULES_PACK_VERSION,
      obligations: state?.obligations ?? null,
      atChanges: audit
        .filter((e) => e.action.startsWith('evidence:anchored:') || e.action.startsWith('judgement:'))
        .map((e) => ({ at: e.at, action: e.action, auditSeq: e.seq })),
      note: state
        ? undefined
        : 'the incident workflow did not answer; obligations as of the last change are in the audit chain',
    }),
    ...noticeFiles(incident, audit, state),
    ...(await filingFiles(ledger, incident.id)),
    ...(await announcementFiles(ledger, incident.id)),
    {
      path: 'audit.jsonl',
      data: Buffer.from(audit.map((e) => JSON.stringify(e)).join('\n') + (audit.length ? '\n' : ''), 'utf8'),
    },
    json('checkpoints.json', await ledger.listAuditCheckpoints(incident.id)),
  ];
}
