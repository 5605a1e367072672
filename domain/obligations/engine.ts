import { z } from 'zod';
import { DataCategory, IncidentAttributes, Severity } from '../incident.js';
import { dueDate, resolveClock, type ClockEvents } from './clock.js';
import {
  describeCondition,
  evaluate,
  formatCount,
  type ConditionContext,
  type Evaluation,
} from './conditions.js';
import { ownFindingsByRegime } from './findings.js';
import { currentJudgement, Judgement, JudgementKind } from './judgement.js';
import { ObligationKind, type Condition, type ObligationRule, type Regime } from './rule.js';
import { RULES_PACK, type RulesPack } from './rules-pack.js';
import {
  normaliseCounts,
  territoryCount,
  territoryLabel,
  territoryRegions,
  type Counts,
} from './territory.js';

/**
 * The obligations engine: from the incident's facts, the head counts, the recorded judgements and the events so
 * far, who must be told what by when. Pure and deterministic (the caller passes `now`), with no Node modules, so
 * the workflow can run it on every change and replay it safely.
 */

const isoDateTime = z.iso.datetime({ offset: true });

export const ObligationEvents = z
  .object({
    noticesStartedAt: isoDateTime.optional(),
    noticesCompletedAt: isoDateTime.optional(),
    assessmentConcludedAt: isoDateTime.optional(),
    handlingEndedAt: isoDateTime.optional(),
    /** Obligation id → when it was fulfilled (filing submitted, notice posted); shows the obligation as `done`. */
    completed: z.record(z.string(), isoDateTime).optional(),
  })
  .strict();
export type ObligationEvents = z.infer<typeof ObligationEvents>;

export const ObligationInput = z
  .object({
    incidentId: z.string().min(1),
    facts: z.object({
      discoveredAt: isoDateTime,
      dataCategories: z.array(DataCategory),
      severity: Severity,
      attributes: IncidentAttributes.default(IncidentAttributes.parse({})),
    }),
    assessment: z
      .object({
        affected: z.number().int().nonnegative(),
        byCountry: z.record(z.string(), z.number().int().nonnegative()),
        byRegion: z.record(z.string(), z.number().int().nonnegative()),
      })
      .optional(),
    judgements: z.array(Judgement).default([]),
    events: ObligationEvents.default({}),
    now: isoDateTime,
  })
  .strict();
export type ObligationInput = z.input<typeof ObligationInput>;

export const OBLIGATION_STATUSES = [
  'due',
  'needs_judgement',
  'not_required',
  'overdue',
  'waiting_for_event',
  'done',
] as const;
export const ObligationStatus = z.enum(OBLIGATION_STATUSES);
export type ObligationStatus = z.infer<typeof ObligationStatus>;

export const Obligation = z.object({
  /** Stable across recomputations: `<regime>.<kind>.<phase>[.<region>]`. */
  id: z.string(),
  regime: z.string(),
  regimeName: z.string(),
  kind: ObligationKind,
  recipient: z.string(),
  phase: z.string(),
  /** Set for obligations that exist once per region (HIPAA media notice per State). */
  region: z.string().nullable(),
  clockStart: z.string().nullable(),
  /** What the clock counts from, in words. */
  clockEvent: z.string(),
  /** True while the clock counts from discovery because the judgement that starts it is not recorded. */
  clockProvisional: z.boolean(),
  dueAt: z.string().nullable(),
  /** The deadline as the law words it ("within 72 hours", "without undue delay"). */
  deadline: z.string(),
  status: ObligationStatus,
  reason: z.string(),
  fields: z.array(z.string()),
  judgementsNeeded: z.array(JudgementKind),
  waitingFor: z.string().nullable(),
  completedAt: z.string().nullable(),
  source: z.object({ citation: z.string(), url: z.string(), lastChecked: z.string() }),
});
export type Obligation = z.infer<typeof Obligation>;

interface Prepared {
  incidentId: string;
  discoveredAt: string;
  dataCategories: DataCategory[];
  attributes: IncidentAttributes;
  counts: Counts | undefined;
  judgements: Judgement[];
  events: ObligationEvents;
  now: number;
}

function prepare(input: ObligationInput): Prepared {
  // Defaults are merged rather than parsed: throwing inside workflow code would retry the task forever.
  const attributes: IncidentAttributes = {
    ...IncidentAttributes.parse({}),
    ...(input.facts.attributes ?? {}),
  };
  return {
    incidentId: input.incidentId,
    discoveredAt: input.facts.discoveredAt,
    dataCategories: input.facts.dataCategories,
    attributes,
    counts: input.assessment ? normaliseCounts(input.assessment) : undefined,
    judgements: (input.judgements ?? []) as Judgement[],
    events: input.events ?? {},
    now: Date.parse(input.now),
  };
}

/** The UTC calendar date of an instant, whatever offset it was written with; '' when unreadable. */
function utcDate(instant: string): string {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString().slice(0, 10);
}

function combine(conditions: (Condition | undefined)[]): Condition | undefined {
  const present = conditions.filter((c): c is Condition => c !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { all: present };
}

const ALWAYS: Evaluation = { truth: 'yes', missing: [], needsAssessment: false, because: [] };

/** Whether the regime reaches this incident at all; `no` means the regime is left out of the list. */
function applicability(regime: Regime, p: Prepared, ctx: ConditionContext): Evaluation {
  const parts: Evaluation[] = [];
  if (regime.applies.attributes) parts.push(evaluate(regime.applies.attributes, ctx));
  if (regime.applies.people) {
    const where = territoryLabel(regime);
    if (!p.counts) {
      parts.push({
        truth: 'unknown',
        missing: [],
        needsAssessment: true,
        because: [`applies if people in ${where} are affected`],
      });
    } else {
      const n = territoryCount(regime, p.counts);
      parts.push({
        truth: n > 0 ? 'yes' : 'no',
        missing: [],
        needsAssessment: false,
        because: [`${formatCount(n)} people in ${where}`],
      });
    }
  }
  if (parts.some((e) => e.truth === 'no')) return { ...parts.find((e) => e.truth === 'no')!, truth: 'no' };
  const open = parts.filter((e) => e.truth === 'unknown');
  if (open.length > 0) {
    return { truth: 'unknown', missing: [], needsAssessment: true, because: open.flatMap((e) => e.because) };
  }
  return { truth: 'yes', missing: [], needsAssessment: false, because: parts.flatMap((e) => e.because) };
}

function obligationFor(
  regime: Regime,
  rule: ObligationRule,
  p: Prepared,
  applies: Evaluation,
  region: string | null,
): Obligation {
  const id = `${regime.id}.${rule.kind}.${rule.phase}${region ? `.${region}` : ''}`;
  const ctx: ConditionContext = {
    regime,
    dataCategories: p.dataCategories,
    attributes: p.attributes,
    counts: p.counts,
    judgements: p.judgements,
    ...(region ? { region } : {}),
  };
  const recipient = region ? `${rule.recipient} (${region})` : rule.recipient;
  const base = {
    id,
    regime: regime.id,
    regimeName: regime.name,
    kind: rule.kind,
    recipient,
    phase: rule.phase,
    region,
    source: { citation: regime.source.citation, url: regime.source.url, lastChecked: regime.lastChecked },
  };

  if (regime.inForceFrom && utcDate(p.discoveredAt) < regime.inForceFrom) {
    return {
      ...base,
      clockStart: null,
      clockEvent: 'not in force',
      clockProvisional: false,
      dueAt: null,
      deadline: rule.deadline.text,
      status: 'not_required',
      reason: `Not in force for breaches discovered before ${regime.inForceFrom}.`,
      fields: [...rule.fields],
      judgementsNeeded: [],
      waitingFor: null,
      completedAt: null,
    };
  }

  const condition = combine([regime.triggers, rule.when]);
  const trigger = condition ? evaluate(condition, ctx) : ALWAYS;
  const override = rule.deadlineOverrides.find((o) => evaluate(o.when, ctx).truth === 'yes');
  const deadline = override?.deadline ?? rule.deadline;
  const clock = resolveClock(rule.clock, p.discoveredAt, p.events as ClockEvents, p.judgements, regime.id);
  const due = clock.at ? dueDate(clock.at, deadline) : { dueAt: null, holidayDataMissing: [] };
  const completedAt =
    p.events.completed?.[id] ??
    (rule.kind === 'individual_notice' ? (p.events.noticesCompletedAt ?? null) : null);
  const late = due.dueAt !== null && p.now > Date.parse(due.dueAt);
  const delay = rule.delayable
    ? currentJudgement(p.judgements, 'law_enforcement_delay', regime.id)
    : undefined;
  const hold = delay?.value === true ? delay : undefined;

  const notes: string[] = [];
  // A provisional clock matters only where there is a date to count to ("without undue delay" has none).
  const clockNeedsJudgement =
    clock.missingJudgement !== undefined && (deadline.unit !== 'none' || !clock.provisional);
  const judgementsNeeded = [
    ...new Set([
      ...trigger.missing,
      ...(clockNeedsJudgement && clock.missingJudgement ? [clock.missingJudgement] : []),
    ]),
  ];

  let status: ObligationStatus;
  if (trigger.truth === 'no') {
    status = 'not_required';
    notes.push(`Not required: ${trigger.because.join('; ')}.`);
  } else {
    if (completedAt) status = 'done';
    else if (hold) status = 'waiting_for_event';
    else if (applies.needsAssessment || trigger.needsAssessment) status = 'waiting_for_event';
    else if (late) status = 'overdue';
    // Whether the duty exists at all outranks when its clock starts.
    else if (trigger.truth === 'unknown') status = 'needs_judgement';
    else if (clock.waitingFor) status = 'waiting_for_event';
    else if (clockNeedsJudgement) status = 'needs_judgement';
    else status = 'due';

    const grounds = [...applies.because, ...trigger.because].filter((b) => b.length > 0);
    if (hold) {
      notes.push(
        `On hold at law enforcement's request (recorded by ${hold.decidedBy} at ${hold.decidedAt}: ${hold.reason}).`,
      );
    }
    if (applies.needsAssessment || trigger.needsAssessment)
      notes.push('Waiting for the affected-people count.');
    if (grounds.length > 0)
      notes.push(`${trigger.truth === 'yes' ? 'Required' : 'Open'}: ${grounds.join('; ')}.`);
    if (judgementsNeeded.length > 0) notes.push(`Needs judgement: ${judgementsNeeded.join(', ')}.`);
    if (clock.waitingFor) notes.push(`The clock starts at ${clock.label}.`);
  }
  notes.push(
    `Deadline: ${deadline.text}${deadline.basis === 'guidance' ? ' (regulator guidance)' : ''}; clock from ${clock.label}.`,
  );
  if (clock.provisional && deadline.unit !== 'none' && status !== 'not_required') {
    notes.push('Counted from discovery until the moment of awareness is recorded.');
  }
  if (due.holidayDataMissing.length > 0) {
    notes.push(`No holiday data for ${due.holidayDataMissing.join(', ')}: only weekends were skipped.`);
  }
  if (rule.assessBy && status !== 'not_required') {
    const assessClock = resolveClock(
      rule.assessBy.clock,
      p.discoveredAt,
      p.events as ClockEvents,
      p.judgements,
      regime.id,
    );
    const assessDue = assessClock.at ? dueDate(assessClock.at, rule.assessBy.deadline).dueAt : null;
    if (assessDue)
      notes.push(`The assessment must conclude by ${assessDue} (${rule.assessBy.deadline.text}).`);
  }
  if (completedAt) notes.push(`Completed at ${completedAt}.`);
  if (rule.note) notes.push(rule.note);

  const required = status !== 'not_required';
  return {
    ...base,
    clockStart: required ? clock.at : null,
    clockEvent: clock.label,
    clockProvisional: required && clock.provisional,
    dueAt: required ? due.dueAt : null,
    deadline: deadline.text,
    status,
    reason: notes.join(' '),
    fields: late && status !== 'not_required' ? [...rule.fields, ...rule.fieldsIfLate] : [...rule.fields],
    judgementsNeeded: status === 'not_required' ? [] : judgementsNeeded,
    waitingFor:
      status === 'waiting_for_event'
        ? hold
          ? 'law_enforcement_delay'
          : applies.needsAssessment || trigger.needsAssessment
            ? 'assessment'
            : (clock.waitingFor ?? null)
        : null,
    completedAt: completedAt ?? null,
  };
}

export function computeObligations(input: ObligationInput, pack: RulesPack = RULES_PACK): Obligation[] {
  const p = prepare(input);
  const out: Obligation[] = [];
  for (const regime of pack) {
    const ctx: ConditionContext = {
      regime,
      dataCategories: p.dataCategories,
      attributes: p.attributes,
      counts: p.counts,
      judgements: p.judgements,
    };
    const applies = applicability(regime, p, ctx);
    if (applies.truth === 'no') continue;
    for (const rule of regime.obligations) {
      if (rule.fanOut === 'region' && p.counts) {
        const regions = territoryRegions(regime, p.counts);
        for (const region of regions) out.push(obligationFor(regime, rule, p, applies, region));
        // No region with people means nothing to fan out; say so rather than drop the duty silently.
        if (regions.length === 0) out.push(obligationFor(regime, rule, p, applies, null));
      } else {
        out.push(obligationFor(regime, rule, p, applies, null));
      }
    }
  }
  return out;
}

/** Rendering helper shared with the README rules table. */
export function describeTrigger(regime: Regime, rule: ObligationRule): string {
  const condition = combine([regime.triggers, rule.when]);
  return condition ? describeCondition(condition, regime) : 'every breach';
}

export interface ObligationSummary {
  /** The earliest deadline still ahead among obligations that are due or waiting for a judgement. */
  nextDeadline: { id: string; regime: string; kind: ObligationKind; recipient: string; dueAt: string } | null;
  counts: Record<ObligationStatus, number>;
  overdue: string[];
  /** Judgements that would settle open obligations, in first-seen order. */
  judgementsNeeded: JudgementKind[];
  /**
   * For each missing judgement, the regimes whose open obligations it blocks; `needsOwnFinding` are those among
   * them that count only a finding recorded with their regime id (a general finding settles the others).
   */
  judgementsBlocking: { kind: JudgementKind; regimes: string[]; needsOwnFinding: string[] }[];
}

const ownFindingsCache = new WeakMap<RulesPack, Map<string, Set<JudgementKind>>>();

function ownFindings(pack: RulesPack): Map<string, Set<JudgementKind>> {
  let own = ownFindingsCache.get(pack);
  if (!own) {
    own = ownFindingsByRegime(pack);
    ownFindingsCache.set(pack, own);
  }
  return own;
}

export function summariseObligations(
  obligations: readonly Obligation[],
  pack: RulesPack = RULES_PACK,
): ObligationSummary {
  const counts = Object.fromEntries(OBLIGATION_STATUSES.map((s) => [s, 0])) as Record<
    ObligationStatus,
    number
  >;
  let next: ObligationSummary['nextDeadline'] = null;
  const needed: JudgementKind[] = [];
  const blocking = new Map<
    JudgementKind,
    { kind: JudgementKind; regimes: string[]; needsOwnFinding: string[] }
  >();
  const own = ownFindings(pack);
  for (const o of obligations) {
    counts[o.status] += 1;
    if ((o.status === 'due' || o.status === 'needs_judgement') && o.dueAt) {
      if (!next || Date.parse(o.dueAt) < Date.parse(next.dueAt)) {
        next = { id: o.id, regime: o.regime, kind: o.kind, recipient: o.recipient, dueAt: o.dueAt };
      }
    }
    if (o.status !== 'not_required' && o.status !== 'done') {
      for (const k of o.judgementsNeeded) {
        if (!needed.includes(k)) needed.push(k);
        const entry = blocking.get(k) ?? { kind: k, regimes: [], needsOwnFinding: [] };
        if (!entry.regimes.includes(o.regime)) {
          entry.regimes.push(o.regime);
          if (own.get(o.regime)?.has(k)) entry.needsOwnFinding.push(o.regime);
        }
        blocking.set(k, entry);
      }
    }
  }
  return {
    nextDeadline: next,
    counts,
    overdue: obligations.filter((o) => o.status === 'overdue').map((o) => o.id),
    judgementsNeeded: needed,
    judgementsBlocking: [...blocking.values()],
  };
}
