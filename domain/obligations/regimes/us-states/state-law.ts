import type { DataCategory } from '../../../incident.js';
import type { FieldCode } from '../../fields.js';
import type { ClockStart, Comparison, Condition, RegimeInput, SubstituteOptionInput } from '../../rule.js';

/**
 * A US state (or territory) breach-notice statute in the few terms they all share, turned into a regime by
 * `stateRegime`. The statutes differ in numbers and wording, not in structure, so each state is one row of data
 * and the shape lives here once.
 */

/** Every state's list starts from the same elements (with a name): SSN or government ID, account or card with its code. */
export const CORE_PI = ['national_id', 'payment_card', 'bank_account', 'financial'] as const;

/** Core elements plus the extras a statute lists (credentials, medical, biometric, passport, date of birth). */
export function pi(...extra: DataCategory[]): DataCategory[] {
  return [...CORE_PI, ...extra];
}

/**
 * When a period starts: `discovery` of the breach, `determination` that a breach occurred (awareness; counted
 * from discovery until recorded), or `notice` to residents having started.
 */
export type PeriodStart = 'discovery' | 'determination' | 'notice';

export interface StatePeriod {
  /** Omitted for "without unreasonable delay" and other duties with no fixed period. */
  amount?: number;
  unit?: 'calendar_days' | 'business_days' | 'hours';
  from: PeriodStart;
  text: string;
  /** Due no later than the notice to residents: their fixed period, where there is one, bounds this one too. */
  withResidents?: true;
}

export interface StateRegulator {
  recipient: string;
  /** Residents of the state notified; omitted when any notice to residents also goes to the regulator. */
  threshold?: { op: Comparison; value: number };
  deadline: StatePeriod;
  fields?: FieldCode[];
  note?: string;
}

export interface StateLaw {
  /** ISO 3166-2 subdivision after `US-` (PR, GU and VI are US subdivisions too). */
  region: string;
  /** Territories with an ISO 3166-1 code of their own (PR, GU, VI): people may be uploaded under either. */
  alsoCountry?: string;
  id: string;
  name: string;
  citation: string;
  url: string;
  /** What counts as personal information, in the service's category codes. */
  categories: DataCategory[];
  /**
   * The statute's risk-of-harm exception in its own words; recorded as the `harm_not_likely` judgement, which
   * the company must claim (the duty stays due until someone records the finding).
   */
  harmException?: string;
  residents: StatePeriod;
  residentFields?: FieldCode[];
  residentNote?: string;
  regulator?: StateRegulator;
  /** Extra regulator notices (New York's three agencies share one, Vermont's preliminary notice is its own). */
  moreRegulators?: (StateRegulator & { phase: string })[];
  creditBureaus?: { threshold?: { op: Comparison; value: number }; deadline?: StatePeriod; note?: string };
  /**
   * Substitute notice: the statute's cost and head-count thresholds ("exceeds" is `gt`; omitted: $250,000 and
   * 500,000 people), or only the means when the statute sets no threshold.
   */
  substitute?:
    | {
        costUsd?: number;
        headCount?: number;
        means?: string[];
        note?: string;
        covers?: 'everyone' | 'people_without_contact';
      }
    | 'none';
  recordKeeping?: string;
  /** Figures confirmed by a page the `search` tool found at check time; the rest are from knowledge. */
  confirmedBy?: { url: string; figures: string[] }[];
}

export const US_STATES_CHECKED = '2026-12-08';

const NOTICE_FIELDS: FieldCode[] = [
  'what_happened',
  'occurred_at',
  'what_information',
  'what_we_are_doing',
  'what_you_can_do',
  'more_information',
];

const REGULATOR_FIELDS: FieldCode[] = [
  'nature_of_breach',
  'data_categories',
  'people_count',
  'individuals_notified',
  'sample_notice',
];

const notEncrypted = { attribute: { name: 'dataEncrypted', equals: false } } as const;

function clockOf(from: PeriodStart): ClockStart {
  switch (from) {
    case 'discovery':
      return { from: 'discovery' };
    case 'determination':
      return { from: 'judgement', kind: 'awareness', fallback: 'discovery' };
    case 'notice':
      return { from: 'event', event: 'noticesStartedAt' };
  }
}

function deadlineOf(p: StatePeriod) {
  if (p.amount === undefined) return { unit: 'none' as const, text: p.text };
  const unit = p.unit ?? 'calendar_days';
  return { unit, amount: p.amount, text: p.text, ...(unit === 'business_days' ? { calendar: 'US' } : {}) };
}

function residentsCondition(t: { op: Comparison; value: number } | undefined): Condition | undefined {
  return t ? { headcount: { scope: 'territory', op: t.op, value: t.value } } : undefined;
}

/** A notice due with the residents' one takes their period as its outer limit, in its own words. */
function boundedByResidents(law: StateLaw, p: StatePeriod): StatePeriod {
  if (!p.withResidents || law.residents.amount === undefined) return p;
  return {
    ...law.residents,
    text: `${p.text}; residents at the latest ${law.residents.text.replace(/^.*at the latest /, '')}`,
  };
}

function regulatorRule(law: StateLaw, r: StateRegulator, phase: string) {
  const when = residentsCondition(r.threshold);
  const period = boundedByResidents(law, r.deadline);
  return {
    kind: 'regulator_report' as const,
    phase,
    recipient: r.recipient,
    ...(when ? { when } : {}),
    clock: clockOf(period.from),
    deadline: deadlineOf(period),
    fields: r.fields ?? REGULATOR_FIELDS,
    ...(r.note ? { note: r.note } : {}),
  };
}

function creditBureauRule(law: StateLaw) {
  const cra = law.creditBureaus!;
  const when = residentsCondition(cra.threshold);
  const deadline = cra.deadline ?? { from: 'discovery', text: 'without unreasonable delay' };
  return {
    kind: 'credit_bureau_notice' as const,
    phase: 'notification',
    recipient: 'nationwide consumer reporting agencies (Equifax, Experian, TransUnion)',
    ...(when ? { when } : {}),
    clock: clockOf(deadline.from),
    deadline: deadlineOf(deadline),
    fields: ['occurred_at', 'people_count', 'individuals_notified'] satisfies FieldCode[],
    note: cra.note ?? `Timing, distribution and content of the notices sent to ${law.name} residents.`,
  };
}

function substituteOf(law: StateLaw): SubstituteOptionInput[] {
  if (law.substitute === 'none') return [];
  // Most statutes copy California's original thresholds, so a state that does not say otherwise has them.
  const s = law.substitute ?? { costUsd: 250_000, headCount: 500_000 };
  const means = s.means ?? [
    'email to people with an address',
    'conspicuous posting on the website',
    'notice to major statewide media',
  ];
  return [
    {
      anyOf: [
        ...(s.costUsd !== undefined
          ? [{ metric: 'cost_usd' as const, op: 'gt' as const, value: s.costUsd }]
          : []),
        ...(s.headCount !== undefined
          ? [{ metric: 'head_count' as const, op: 'gt' as const, value: s.headCount }]
          : []),
        { metric: 'people_without_contact', op: 'gt', value: 0 },
      ],
      covers: s.covers ?? 'everyone',
      means,
      ...(s.note ? { note: s.note } : {}),
    },
  ];
}

/** The regime for one state statute: individual notice, the regulator's, and the credit bureaus' where required. */
export function stateRegime(law: StateLaw): RegimeInput {
  const triggers: Condition[] = [notEncrypted, { dataCategories: { anyOf: law.categories } }];
  if (law.harmException) {
    triggers.push({ not: { judgement: { kind: 'harm_not_likely', equals: true, ifMissing: 'false' } } });
  }
  const obligations: RegimeInput['obligations'] = [
    {
      kind: 'individual_notice',
      delayable: true,
      phase: 'notification',
      recipient: `affected ${law.name} residents`,
      clock: clockOf(law.residents.from),
      deadline: deadlineOf(law.residents),
      fields: [...NOTICE_FIELDS, ...(law.residentFields ?? [])],
      ...(law.residentNote || law.harmException
        ? {
            note: [law.residentNote, law.harmException && `Exception: ${law.harmException}`]
              .filter(Boolean)
              .join(' '),
          }
        : {}),
    },
  ];
  if (law.regulator) obligations.push(regulatorRule(law, law.regulator, 'notification'));
  for (const more of law.moreRegulators ?? []) obligations.push(regulatorRule(law, more, more.phase));
  if (law.creditBureaus) obligations.push(creditBureauRule(law));
  return {
    id: law.id,
    name: `${law.name} ${law.citation.split(/[(;]/)[0]!.trim()}`.slice(0, 120),
    applies: {
      people: {
        regions: [`US-${law.region}`],
        ...(law.alsoCountry ? { countries: [law.alsoCountry] } : {}),
        label: law.name,
      },
    },
    triggers: { all: triggers },
    obligations,
    substituteNotice: substituteOf(law),
    ...(law.recordKeeping ? { recordKeeping: law.recordKeeping } : {}),
    source: { citation: law.citation, url: law.url },
    lastChecked: US_STATES_CHECKED,
    verification: {
      confirmedBy: law.confirmedBy ?? [],
      fromKnowledge: [
        law.confirmedBy?.length
          ? 'figures not listed as confirmed: from the statute text as known to the author'
          : 'all figures: from the statute text as known to the author; no source found at check time',
      ],
    },
  };
}

/** "Most expedient time possible and without unreasonable delay": a duty with no fixed period. */
export const WITHOUT_DELAY: StatePeriod = {
  from: 'discovery',
  text: 'in the most expedient time possible and without unreasonable delay (no fixed period)',
};

/** No later than notice to residents: due with it, so no period of its own. */
export const WITH_RESIDENT_NOTICE: StatePeriod = {
  from: 'discovery',
  text: 'no later than the notice to residents',
  withResidents: true,
};

export function within(
  amount: number,
  from: PeriodStart,
  text: string,
  unit: StatePeriod['unit'] = 'calendar_days',
): StatePeriod {
  return { amount, unit, from, text };
}

export const AG = (state: string): string => `${state} Attorney General`;
export const MORE_THAN_1000 = { op: 'gt', value: 1_000 } as const;
