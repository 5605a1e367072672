// A filed report as people read it, in one language: headings and lines for each section, and what changed
// since the earlier phase. The PDF lays these out; the portal adapter pastes them into the portal's form.
import type { DataCategory } from '../incident.js';
import { fieldLabel, fillLabel, phaseLabel, type ReportLabels } from './report-labels.js';
import type { FilingReport } from './report-contents.js';
import { textIn } from './report-text-source.js';
import type { Text, TextList } from './report-values.js';

export interface ReadableSection {
  field: string;
  heading: string;
  lines: string[];
  edited: boolean;
}

export interface ReadableReport {
  language: string;
  title: string;
  meta: Array<{ label: string; value: string }>;
  sections: ReadableSection[];
  /** Empty for the first phase. */
  changes: { heading: string; items: Array<{ heading: string; before: string[]; after: string[] }> } | null;
}

type Obj = Record<string, unknown>;

/** An instant in a form every reader parses the same: 2026-11-20 08:30 UTC. */
export function readableInstant(iso: string | null | undefined, l: ReportLabels): string {
  if (!iso) return l.words.unknown;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

class Reader {
  constructor(
    readonly l: ReportLabels,
    readonly language: string,
    readonly languageNames: (tag: string) => string,
  ) {}

  n(v: unknown): string {
    return typeof v === 'number' ? new Intl.NumberFormat(this.language).format(v) : String(v);
  }

  /** The text in this language, or the text as given with a note of the language it is in. */
  text(t: Text | null | undefined, fallback = this.l.words.toFollow): string[] {
    if (!t || Object.keys(t).length === 0) return [fallback];
    const here = textIn(t, this.language);
    if (typeof here === 'string') return [here];
    const [tag, other] = Object.entries(t)[0]!;
    return [fillLabel(this.l.words.onlyIn, { language: this.languageNames(tag) }), other];
  }

  steps(t: TextList | undefined): string[] {
    if (!t || Object.keys(t).length === 0) return [];
    const here = textIn(t, this.language);
    if (Array.isArray(here)) return here.map((s) => `• ${s}`);
    const [tag, other] = Object.entries(t)[0]!;
    return [
      fillLabel(this.l.words.onlyIn, { language: this.languageNames(tag) }),
      ...other.map((s) => `• ${s}`),
    ];
  }

  categories(codes: DataCategory[]): string {
    return codes.map((c) => this.l.categories[c] ?? c).join(', ');
  }

  perPlace(counts: Record<string, number>): string[] {
    return Object.entries(counts)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .map(([place, n]) => `${place}: ${this.n(n)} ${this.l.words.people}`);
  }

  yesNo(v: boolean | null): string {
    return v === null ? this.l.words.notDetermined : v ? this.l.words.yes : this.l.words.no;
  }
}

type Render = (v: Obj, r: Reader) => string[];
const w = (r: Reader) => r.l.words;

const RENDER: Record<string, Render> = {
  reporting_entity: (v, r) => [String(v.name), `${w(r).sector}: ${String(v.sector)}`],
  contact_point: (v, r) =>
    [
      String(v.name),
      `${w(r).email}: ${String(v.email)}`,
      v.phone ? `${w(r).phone}: ${String(v.phone)}` : '',
      v.url ? `${w(r).web}: ${String(v.url)}` : '',
    ].filter((s) => s !== ''),
  nature_of_breach: (v, r) => [...r.text(v.title as Text), ...r.text(v.description as Text)],
  occurred_at: (v, r) =>
    v.from || v.to
      ? [
          `${w(r).from} ${readableInstant(v.from as string, r.l)} ${w(r).to} ${readableInstant(v.to as string, r.l)}`.trim(),
        ]
      : [w(r).unknown],
  discovered_at: (v, r) => [readableInstant(v.at as string, r.l)],
  aware_at: (v, r) => [
    readableInstant(v.at as string, r.l),
    v.basis === 'judgement' ? `${w(r).basisJudgement} ${String(v.decidedBy)}` : w(r).basisDiscovery,
  ],
  data_categories: (v, r) => {
    const high = v.highRisk as DataCategory[];
    return [
      r.categories(v.categories as DataCategory[]),
      ...(high.length > 0 ? [`${w(r).specialCategories}: ${r.categories(high)}`] : []),
    ];
  },
  people_count: (v, r) => {
    const b = v.byRisk as Record<'low' | 'medium' | 'high', number>;
    const levels = (['high', 'medium', 'low'] as const).map((k) => `${w(r).riskLevels[k]} ${r.n(b[k])}`);
    return [`${r.n(v.approximate)} ${w(r).people}`, `${w(r).byRisk}: ${levels.join(', ')}`];
  },
  records_count: (v, r) => [`${r.n(v.approximate)} ${w(r).records} (${w(r).onePerPerson})`],
  people_by_jurisdiction: (v, r) => [
    ...r.perPlace(v.byCountry as Record<string, number>),
    ...r.perPlace(v.byRegion as Record<string, number>),
  ],
  likely_consequences: (v, r) => r.text(v.text as Text),
  measures_taken: (v, r) => {
    const advice = r.steps(v.adviceToPeople as TextList);
    return [...r.text(v.taken as Text), ...(advice.length > 0 ? [`${w(r).adviceToPeople}:`, ...advice] : [])];
  },
  individuals_notified: (v, r) =>
    [
      r.l.notified[v.state as keyof ReportLabels['notified']],
      ...(Number(v.people) > 0
        ? [
            `${r.n(v.reached)} ${w(r).reached}, ${r.n(v.unreachable)} ${w(r).unreachable} / ${r.n(v.people)} ${w(r).people}`,
            Object.entries(v.sent as Record<string, number>)
              .filter(([, n]) => n > 0)
              .map(([c, n]) => `${c}: ${r.n(n)} ${w(r).sent}`)
              .join(', '),
          ]
        : []),
    ].filter((s) => s !== ''),
  cross_border_impact: (v, r) => [
    ...((v.countries as string[]).length > 0 ? [(v.countries as string[]).join(', ')] : []),
    v.crossBorder === null ? w(r).toFollow : v.crossBorder ? w(r).crossBorder : w(r).notCrossBorder,
    ...(v.text ? r.text(v.text as Text) : []),
  ],
  reasons_for_delay: (v, r) =>
    v.late
      ? [
          fillLabel(w(r).late, { dueAt: readableInstant(v.dueAt as string, r.l) }),
          ...r.text(v.reasons as Text),
        ]
      : [w(r).notLate],
  suspected_malicious: (v, r) => [
    r.yesNo(v.suspected as boolean | null),
    ...(v.explanation ? r.text(v.explanation as Text) : []),
  ],
  severity_and_impact: (v, r) => [
    `${w(r).severity}: ${r.l.severities[v.severity as keyof ReportLabels['severities']]}`,
    ...(v.peopleAffected !== null ? [`${r.n(v.peopleAffected)} ${w(r).people}`] : []),
    ...(v.highRiskPeople !== null ? [`${r.n(v.highRiskPeople)} ${w(r).highRiskPeople}`] : []),
    ...(v.text ? r.text(v.text as Text) : []),
  ],
  what_you_can_do: (v, r) => {
    const steps = r.steps(v.steps as TextList);
    return steps.length > 0 ? steps : [w(r).toFollow];
  },
  decision_and_reasons: (v, r) => [
    ...(v.decisions as Obj[]).map(
      (d) =>
        `${String(d.kind)}: ${r.yesNo(d.value as boolean)}: ${String(d.reason)} (${w(r).decidedBy} ${String(d.decidedBy)}, ${readableInstant(d.decidedAt as string, r.l)})`,
    ),
    ...(v.text ? r.text(v.text as Text) : []),
  ],
  sample_notice: (v) => [String(v.subject), ...String(v.text).split('\n')],
};

/** Sections whose value is `{ text }`: pending ones and those of a custom rules pack. */
const renderText: Render = (v, r) => r.text(v.text as Text | null);

function readSection(field: string, value: unknown, r: Reader): string[] {
  if (value === null || value === undefined) return [r.l.words.none];
  if (typeof value !== 'object') return [String(value)];
  const render = RENDER[field] ?? ('text' in (value as Obj) ? renderText : undefined);
  return render ? render(value as Obj, r) : [JSON.stringify(value)];
}

export function readableReport(
  report: FilingReport,
  labels: ReportLabels,
  language: string,
  regimeName: string,
): ReadableReport {
  const names = (tag: string) => {
    try {
      return new Intl.DisplayNames([language], { type: 'language' }).of(tag) ?? tag;
    } catch {
      return tag;
    }
  };
  const r = new Reader(labels, language, names);
  const edited = new Set(report.edited ?? []);
  const earlierPhase = report.changedSince;
  return {
    language,
    title: fillLabel(labels.title, { regime: regimeName }),
    meta: [
      { label: labels.words.phase, value: phaseLabel(labels, report.phase) },
      { label: labels.words.recipient, value: report.recipient },
      { label: labels.words.filing, value: report.filingId },
      { label: labels.words.incident, value: report.incidentId },
      { label: labels.words.generatedAt, value: readableInstant(report.generatedAt, labels) },
    ],
    sections: Object.entries(report.sections).map(([field, value]) => ({
      field,
      heading: fieldLabel(labels, field),
      lines: readSection(field, value, r),
      edited: edited.has(field),
    })),
    changes:
      report.changes.length === 0
        ? null
        : {
            heading: fillLabel(labels.words.changesSince, {
              phase: earlierPhase ? phaseLabel(labels, earlierPhase) : labels.words.unknown,
            }),
            items: report.changes.map((c) => ({
              heading: fieldLabel(labels, c.field),
              before: readSection(c.field, c.before, r),
              after: readSection(c.field, c.after, r),
            })),
          },
  };
}
