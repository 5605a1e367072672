// How each section of a filed report is filled: from the incident's facts, the assessment's counts, the
// recorded judgements and what the notices did. Counts only: no affected person is named or reachable here.
import type { AssessmentCounts } from '../assessment.js';
import { categoryRisk, UNKNOWN } from '../assessment.js';
import type { FanoutTotals } from '../fallback.js';
import type { IncidentFacts } from '../incident.js';
import { risksFor } from '../notice/consequences.js';
import { noticeIncident } from '../notice/incident-notice.js';
import { NOTICE_TEMPLATES } from '../notice/locales/index.js';
import { renderNotice } from '../notice/render.js';
import type { Obligation } from '../obligations/engine.js';
import { currentJudgement, judgementTime, type Judgement } from '../obligations/judgement.js';
import { REPORT_LABELS, type ReportFieldCode } from './report-labels.js';
import { factSteps, factText, primaryLanguage, responderText } from './report-text-source.js';
import type { Text, TextList } from './report-values.js';

export interface SectionSources {
  obligation: Obligation;
  facts: IncidentFacts;
  assessment?: AssessmentCounts;
  judgements: readonly Judgement[];
  notices?: FanoutTotals;
  delayReasons?: string;
  organisation?: string;
  /** The report's language first, then English. */
  languages: readonly string[];
  late: boolean;
}

/** A section's value, or why it cannot be filled yet (the build then fails naming the field). */
export type BuiltSection = { value: unknown } | { missing: string };

const NO_COUNTS = 'the affected people have not been counted yet (no assessment)';

/** Texts written from the labels, in the languages that have labels. */
function labelText(languages: readonly string[], write: (l: (typeof REPORT_LABELS)[string]) => string): Text {
  const out: Text = {};
  for (const language of languages) {
    const labels = REPORT_LABELS[primaryLanguage(language)];
    if (labels) out[language] = write(labels);
  }
  return out;
}

function adviceSteps(facts: IncidentFacts, languages: readonly string[]): TextList {
  const given = factSteps(facts, languages);
  if (Object.keys(given).length > 0) return given;
  const risks = risksFor(facts.dataCategories);
  const out: TextList = {};
  for (const language of languages) {
    const template = Object.values(NOTICE_TEMPLATES).find(
      (t) => primaryLanguage(t.locale) === primaryLanguage(language),
    );
    if (template) out[language] = risks.map((r) => template.advice[r]);
  }
  return out;
}

function notificationState(s: SectionSources): 'completed' | 'in_progress' | 'not_started' | 'not_required' {
  const n = s.notices;
  if (n && n.people > 0) return n.reached + n.unreachable >= n.people ? 'completed' : 'in_progress';
  const regime = s.obligation.regime;
  const highRisk = currentJudgement(s.judgements, 'high_risk', regime);
  const avoided = currentJudgement(s.judgements, 'harm_avoided', regime);
  return highRisk?.value === false || avoided?.value === true ? 'not_required' : 'not_started';
}

function countries(a: AssessmentCounts): string[] {
  return Object.entries(a.byCountry)
    .filter(([c, n]) => c !== UNKNOWN && n > 0)
    .map(([c]) => c)
    .sort();
}

function sampleNotice(s: SectionSources) {
  const notice = renderNotice({
    locale: s.languages[0],
    ...(s.organisation ? { organisation: s.organisation } : {}),
    incident: noticeIncident(s.facts),
    person: {},
    noticeVersion: 1,
    // Each person's link is their own; the sample carries a placeholder that leads nowhere.
    noticeUrl: 'https://notice.invalid/sample',
  });
  return { language: notice.email.language, subject: notice.email.subject, text: notice.email.text };
}

type Builder = (s: SectionSources) => BuiltSection;

const ok = (value: unknown): BuiltSection => ({ value });

const BUILDERS: Record<ReportFieldCode, Builder> = {
  reporting_entity: ({ facts, organisation }) =>
    ok({
      name: organisation ?? facts.contact.name,
      sector: facts.attributes.sector,
      nis2Entity: facts.attributes.nis2Entity,
      listedCompany: facts.attributes.listedCompany,
      criticalInfrastructure: facts.attributes.criticalInfrastructure,
      trustServiceProvider: facts.attributes.trustServiceProvider,
    }),
  contact_point: ({ facts }) => ok({ ...facts.contact }),
  nature_of_breach: ({ facts, languages }) =>
    ok({
      title: factText(facts, 'title', languages),
      description: factText(facts, 'description', languages),
    }),
  occurred_at: ({ facts }) => ok({ from: facts.occurredFrom ?? null, to: facts.occurredTo ?? null }),
  discovered_at: ({ facts }) => ok({ at: facts.discoveredAt }),
  aware_at: ({ facts, judgements, obligation }) => {
    const j = currentJudgement(judgements, 'awareness', obligation.regime);
    return ok(
      j
        ? { at: judgementTime(j), basis: 'judgement', decidedBy: j.decidedBy }
        : { at: facts.discoveredAt, basis: 'discovery' },
    );
  },
  data_categories: ({ facts }) =>
    ok({
      categories: [...facts.dataCategories],
      highRisk: facts.dataCategories.filter((c) => categoryRisk(c) === 'high'),
    }),
  people_count: ({ assessment: a }) =>
    a ? ok({ approximate: a.affected, byRisk: { ...a.byRisk } }) : { missing: NO_COUNTS },
  records_count: ({ assessment: a }) =>
    a ? ok({ approximate: a.affected, basis: 'one_per_person' }) : { missing: NO_COUNTS },
  people_by_jurisdiction: ({ assessment: a }) =>
    a ? ok({ byCountry: { ...a.byCountry }, byRegion: { ...a.byRegion } }) : { missing: NO_COUNTS },
  likely_consequences: ({ facts, languages }) => {
    const risks = risksFor(facts.dataCategories);
    return ok({ risks, text: labelText(languages, (l) => risks.map((r) => l.risks[r]).join(' ')) });
  },
  measures_taken: ({ facts, languages }) =>
    ok({ taken: factText(facts, 'measuresTaken', languages), adviceToPeople: adviceSteps(facts, languages) }),
  individuals_notified: (s) =>
    ok({
      state: notificationState(s),
      people: s.notices?.people ?? 0,
      reached: s.notices?.reached ?? 0,
      unreachable: s.notices?.unreachable ?? 0,
      sent: Object.fromEntries(Object.entries(s.notices?.channels ?? {}).map(([c, t]) => [c, t.sent])),
    }),
  cross_border_impact: ({ assessment: a }) =>
    ok(
      a
        ? { countries: countries(a), crossBorder: countries(a).length > 1, text: null }
        : { countries: [], crossBorder: null, text: null },
    ),
  // Left empty when late without reasons: an approver's edit may still give them; the schema then insists.
  reasons_for_delay: ({ late, delayReasons, facts, obligation }) =>
    ok({
      late,
      dueAt: obligation.dueAt,
      reasons: late && delayReasons?.trim() ? responderText(facts, delayReasons.trim()) : null,
    }),
  suspected_malicious: ({ judgements, obligation, facts }) => {
    const j = currentJudgement(judgements, 'improper_purpose', obligation.regime);
    return ok({ suspected: j?.value ?? null, explanation: j ? responderText(facts, j.reason) : null });
  },
  severity_and_impact: ({ facts, assessment: a }) =>
    ok({
      severity: facts.severity,
      peopleAffected: a?.affected ?? null,
      highRiskPeople: a?.byRisk.high ?? null,
      text: null,
    }),
  indicators_of_compromise: () => ok({ text: null }),
  root_cause: () => ok({ text: null }),
  mitigation_applied: ({ facts, languages }) => ok({ text: factText(facts, 'measuresTaken', languages) }),
  what_you_can_do: ({ facts, languages }) => ok({ steps: adviceSteps(facts, languages) }),
  decision_and_reasons: ({ judgements, obligation }) =>
    ok({
      decisions: judgements
        .filter((j) => j.regime === undefined || j.regime === obligation.regime)
        .map((j) => ({ ...j })),
      text: null,
    }),
  sample_notice: (s) => ok(sampleNotice(s)),
  material_impact: () => ok({ text: null }),
};

export function buildSection(code: ReportFieldCode, sources: SectionSources): BuiltSection {
  return BUILDERS[code](sources);
}
