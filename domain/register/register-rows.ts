// The register as a table, one row per incident, for the spreadsheet a supervisory authority asks
// for; the lists inside an entry (decisions, filings, channels) become one cell each, " | " between items.
import type { RegisterEntry } from './register-entry.js';

export const REGISTER_COLUMNS = [
  'incident_id',
  'external_id',
  'title',
  'severity',
  'phase',
  'discovered_at',
  'occurred_from',
  'occurred_to',
  'data_categories',
  'description',
  'measures_taken',
  'opened_at',
  'closed_at',
  'purged_at',
  'affected',
  'affected_by_country',
  'decisions',
  'filings',
  'notified',
  'notices_sent',
  'notices_unreachable',
  'notices_by_channel',
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

const LIST = ' | ';

function pairs(record: Record<string, number>): string {
  return Object.entries(record)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
}

function decisionsCell(e: RegisterEntry): string {
  return e.decisions
    .map((d) => {
      const what = d.judgement
        ? `judgement ${d.judgement.kind}=${String(d.judgement.value)}${d.judgement.regime ? ` (${d.judgement.regime})` : ''}`
        : d.action;
      return `${d.at} ${d.by} ${what}${d.filingId ? ` [${d.filingId}]` : ''}${d.reason ? `: ${d.reason}` : ''}`;
    })
    .join(LIST);
}

function filingsCell(e: RegisterEntry): string {
  return e.filings
    .map((f) =>
      [
        `${f.regime}/${f.phase}`,
        f.status,
        f.recipient && `to ${f.recipient}`,
        f.submittedAt && `submitted ${f.submittedAt}`,
        f.receiptReference && `receipt ${f.receiptReference}`,
        f.acknowledgementReference && `acknowledged ${f.acknowledgementReference}`,
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join(LIST);
}

function channelsCell(e: RegisterEntry): string {
  return Object.entries(e.notices.byChannel)
    .map(([channel, c]) => `${channel} ${pairs({ ...c })}`)
    .join(LIST);
}

export function registerRow(e: RegisterEntry): Record<RegisterColumn, string | number | boolean> {
  return {
    incident_id: e.incidentId,
    external_id: e.externalId ?? '',
    title: e.facts.title,
    severity: e.facts.severity,
    phase: e.phase,
    discovered_at: e.facts.discoveredAt,
    occurred_from: e.facts.occurredFrom ?? '',
    occurred_to: e.facts.occurredTo ?? '',
    data_categories: e.facts.dataCategories.join(';'),
    description: e.facts.description,
    measures_taken: e.facts.measuresTaken,
    opened_at: e.openedAt,
    closed_at: e.closedAt ?? '',
    purged_at: e.purgedAt ?? '',
    affected: e.effects?.affected ?? '',
    affected_by_country: e.effects ? pairs(e.effects.byCountry) : '',
    decisions: decisionsCell(e),
    filings: filingsCell(e),
    notified: e.notices.notified,
    notices_sent: e.notices.sent,
    notices_unreachable: e.notices.unreachable,
    notices_by_channel: channelsCell(e),
  };
}
