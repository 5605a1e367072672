// Incidents, obligations and recipients for the filing document and submission tests.
import type { AssessmentCounts } from '../../domain/assessment.js';
import { emptyFanoutTotals, type FanoutTotals } from '../../domain/fallback.js';
import { Recipient, type RecipientInput } from '../../domain/filing/recipient.js';
import { buildFilingReport, type FilingReport, type FilingReportInput } from '../../domain/filing/report.js';
import {
  OpenIncidentRequest,
  type IncidentFacts,
  type OpenIncidentRequest as Open,
} from '../../domain/incident.js';
import { computeObligations, type Obligation } from '../../domain/obligations/engine.js';
import type { Judgement } from '../../domain/obligations/judgement.js';

export const DISCOVERED = '2026-11-20T08:00:00Z';

export function incidentFacts(over: Partial<Open> = {}): IncidentFacts {
  return OpenIncidentRequest.parse({
    title: 'Customer database copied',
    description: 'An attacker used a stolen administrator password to copy the customer database.',
    discoveredAt: DISCOVERED,
    occurredFrom: '2026-11-18T22:00:00Z',
    occurredTo: '2026-11-19T03:00:00Z',
    dataCategories: ['email', 'name', 'password'],
    severity: 'high',
    measuresTaken: 'We reset all passwords and revoked the administrator account.',
    userActions: ['Change your password on other sites where you used the same one.'],
    contact: { name: 'Data Protection Officer', email: 'dpo@example.com', phone: '+49 30 1234567' },
    ...over,
  });
}

export function counts(byCountry: Record<string, number>): AssessmentCounts {
  const affected = Object.values(byCountry).reduce((a, b) => a + b, 0);
  return {
    affected,
    byCountry,
    byRegion: {},
    reachable: { email: affected, sms: 0, push: 0, letter: 0, voice: 0, none: 0 },
    byLocale: {},
    byRisk: { low: 0, medium: 0, high: affected },
  };
}

export function judged(kind: Judgement['kind'], value = true, regime?: string): Judgement {
  return {
    kind,
    value,
    reason: `Recorded for the test: ${kind}`,
    decidedAt: '2026-11-20T09:00:00Z',
    decidedBy: 'officer@example.com',
    ...(kind === 'awareness' ? { effectiveAt: '2026-11-20T08:30:00Z' } : {}),
    ...(regime ? { regime } : {}),
  };
}

/** The obligation with this id, computed by the engine as the workflow would. */
export function obligation(
  id: string,
  facts: IncidentFacts,
  assessment: AssessmentCounts | undefined,
  judgements: Judgement[],
  now = '2026-11-20T10:00:00Z',
): Obligation {
  const all = computeObligations({
    incidentId: 'inc-1',
    facts: {
      discoveredAt: facts.discoveredAt,
      dataCategories: facts.dataCategories,
      severity: facts.severity,
      attributes: facts.attributes,
    },
    ...(assessment ? { assessment } : {}),
    judgements,
    now,
  });
  const found = all.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id}: ${all.map((o) => o.id).join(', ')}`);
  return found;
}

export function recipient(over: Partial<RecipientInput> = {}): Recipient {
  return Recipient.parse({
    id: 'de-bfdi',
    name: 'Der Bundesbeauftragte für den Datenschutz',
    regime: 'eu_gdpr',
    territory: 'DE',
    adapter: 'email',
    address: 'meldung@bfdi.example',
    language: 'de',
    ...over,
  });
}

export function notices(people: number): FanoutTotals {
  const t = emptyFanoutTotals();
  t.people = people;
  t.reached = people;
  t.channels.email.sent = people;
  return t;
}

export function reportInput(
  over: Partial<FilingReportInput> & Pick<FilingReportInput, 'obligation'>,
): FilingReportInput {
  return {
    filingId: `inc-1.${over.obligation.id}`,
    recipient: recipient(),
    incidentId: 'inc-1',
    facts: incidentFacts(),
    judgements: [],
    earlier: [],
    edits: {},
    generatedAt: '2026-11-20T10:00:00Z',
    ...over,
  };
}

/** A GDPR report to the German authority, built as the filing activity would. */
export function gdprReport(): FilingReport {
  const facts = incidentFacts();
  const people = counts({ DE: 120, FR: 30 });
  const judgements = [judged('risk'), judged('awareness')];
  return buildFilingReport(
    reportInput({
      obligation: obligation('eu_gdpr.regulator_report.notification', facts, people, judgements),
      facts,
      assessment: people,
      judgements,
    }),
  );
}
