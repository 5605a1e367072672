import { ALWAYS, applicability, combine, prepare, utcDate, type Prepared } from './applicability.js';
import { dueDate, resolveClock, type ClockEvents } from './clock.js';
import { describeCondition, evaluate, type ConditionContext, type Evaluation } from './conditions.js';
import { currentJudgement, type Judgement, type JudgementKind } from './judgement.js';
import type { Obligation, ObligationInput, ObligationStatus } from './obligation.js';
import type { ObligationRule, Regime } from './rule.js';
import { RULES_PACK, type RulesPack } from './rules-pack.js';
import { territoryRegions } from './territory.js';

/**
 * The obligations engine: from the incident's facts, the head counts, the recorded judgements and the events so
 * far, who must be told what by when. Pure and deterministic (the caller passes `now`), with no Node modules, so
 * the workflow can run it on every change and replay it safely.
 */

/** A rule evaluated for this incident: whether it holds, its clock and deadline, what it still waits for. */
interface Evaluated {
  trigger: Evaluation;
  deadline: ObligationRule['deadline'];
  clock: ReturnType<typeof resolveClock>;
  due: ReturnType<typeof dueDate>;
  completedAt: string | null;
  late: boolean;
  hold: Judgement | undefined;
  clockNeedsJudgement: boolean;
  judgementsNeeded: JudgementKind[];
  needsAssessment: boolean;
}

function evaluateRule(
  regime: Regime,
  rule: ObligationRule,
  p: Prepared,
  applies: Evaluation,
  ids: { id: string; ctx: ConditionContext },
): Evaluated {
  const { id, ctx } = ids;
  const condition = combine([regime.triggers, rule.when]);
  const trigger = condition ? evaluate(condition, ctx) : ALWAYS;
  const override = rule.deadlineOverrides.find((o) => evaluate(o.when, ctx).truth === 'yes');
  const deadline = override?.deadline ?? rule.deadline;
  const clock = resolveClock(rule.clock, p.discoveredAt, p.events as ClockEvents, p.judgements, regime.id);
  const due = clock.at ? dueDate(clock.at, deadline) : { dueAt: null, holidayDataMissing: [] };
  const completedAt =
    p.events.completed?.[id] ??
    (rule.kind === 'individual_notice' ? (p.events.noticesCompletedAt ?? null) : null);
  const delay = rule.delayable
    ? currentJudgement(p.judgements, 'law_enforcement_delay', regime.id)
    : undefined;
  // A provisional clock matters only where there is a date to count to ("without undue delay" has none).
  const clockNeedsJudgement =
    clock.missingJudgement !== undefined && (deadline.unit !== 'none' || !clock.provisional);
  const judgementsNeeded = [
    ...new Set([
      ...trigger.missing,
      ...(clockNeedsJudgement && clock.missingJudgement ? [clock.missingJudgement] : []),
    ]),
  ];
  return {
    trigger,
    deadline,
    clock,
    due,
    completedAt,
    late: due.dueAt !== null && p.now > Date.parse(due.dueAt),
    hold: delay?.value === true ? delay : undefined,
    clockNeedsJudgement,
    judgementsNeeded,
    needsAssessment: applies.needsAssessment || trigger.needsAssessment,
  };
}

function statusOf(e: Evaluated): ObligationStatus {
  if (e.trigger.truth === 'no') return 'not_required';
  if (e.completedAt) return 'done';
  if (e.hold || e.needsAssessment) return 'waiting_for_event';
  if (e.late) return 'overdue';
  // Whether the duty exists at all outranks when its clock starts.
  if (e.trigger.truth === 'unknown') return 'needs_judgement';
  if (e.clock.waitingFor) return 'waiting_for_event';
  if (e.clockNeedsJudgement) return 'needs_judgement';
  return 'due';
}

/** Why the duty exists (or not), what it waits for, and its deadline, in words. */
function groundsOf(e: Evaluated, applies: Evaluation): string[] {
  if (e.trigger.truth === 'no') return [`Not required: ${e.trigger.because.join('; ')}.`];
  const notes: string[] = [];
  const grounds = [...applies.because, ...e.trigger.because].filter((b) => b.length > 0);
  if (e.hold) {
    notes.push(
      `On hold at law enforcement's request (recorded by ${e.hold.decidedBy} at ${e.hold.decidedAt}: ${e.hold.reason}).`,
    );
  }
  if (e.needsAssessment) notes.push('Waiting for the affected-people count.');
  if (grounds.length > 0)
    notes.push(`${e.trigger.truth === 'yes' ? 'Required' : 'Open'}: ${grounds.join('; ')}.`);
  if (e.judgementsNeeded.length > 0) notes.push(`Needs judgement: ${e.judgementsNeeded.join(', ')}.`);
  if (e.clock.waitingFor) notes.push(`The clock starts at ${e.clock.label}.`);
  return notes;
}

function reasonOf(e: Evaluated, status: ObligationStatus, rule: ObligationRule, p: Prepared, regime: Regime) {
  const { deadline, clock } = e;
  const notes = [
    `Deadline: ${deadline.text}${deadline.basis === 'guidance' ? ' (regulator guidance)' : ''}; clock from ${clock.label}.`,
  ];
  if (clock.provisional && deadline.unit !== 'none' && status !== 'not_required') {
    notes.push('Counted from discovery until the moment of awareness is recorded.');
  }
  if (e.due.holidayDataMissing.length > 0) {
    notes.push(`No holiday data for ${e.due.holidayDataMissing.join(', ')}: only weekends were skipped.`);
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
  if (e.completedAt) notes.push(`Completed at ${e.completedAt}.`);
  if (rule.note) notes.push(rule.note);
  return notes;
}

function waitingForOf(e: Evaluated, status: ObligationStatus): string | null {
  if (status !== 'waiting_for_event') return null;
  if (e.hold) return 'law_enforcement_delay';
  if (e.needsAssessment) return 'assessment';
  return e.clock.waitingFor ?? null;
}

function notInForce(rule: ObligationRule, regime: Regime) {
  return {
    clockStart: null,
    clockEvent: 'not in force',
    clockProvisional: false,
    dueAt: null,
    deadline: rule.deadline.text,
    status: 'not_required' as const,
    reason: `Not in force for breaches discovered before ${regime.inForceFrom}.`,
    fields: [...rule.fields],
    judgementsNeeded: [],
    waitingFor: null,
    completedAt: null,
  };
}

function obligationFor(
  regime: Regime,
  rule: ObligationRule,
  p: Prepared,
  applies: Evaluation,
  region: string | null,
): Obligation {
  const id = `${regime.id}.${rule.kind}.${rule.phase}${region ? `.${region}` : ''}`;
  const base = {
    id,
    regime: regime.id,
    regimeName: regime.name,
    kind: rule.kind,
    recipient: region ? `${rule.recipient} (${region})` : rule.recipient,
    phase: rule.phase,
    region,
    source: { citation: regime.source.citation, url: regime.source.url, lastChecked: regime.lastChecked },
  };
  if (regime.inForceFrom && utcDate(p.discoveredAt) < regime.inForceFrom) {
    return { ...base, ...notInForce(rule, regime) };
  }
  const ctx: ConditionContext = {
    regime,
    dataCategories: p.dataCategories,
    attributes: p.attributes,
    counts: p.counts,
    judgements: p.judgements,
    ...(region ? { region } : {}),
  };
  const e = evaluateRule(regime, rule, p, applies, { id, ctx });
  const status = statusOf(e);
  const required = status !== 'not_required';
  return {
    ...base,
    clockStart: required ? e.clock.at : null,
    clockEvent: e.clock.label,
    clockProvisional: required && e.clock.provisional,
    dueAt: required ? e.due.dueAt : null,
    deadline: e.deadline.text,
    status,
    reason: [...groundsOf(e, applies), ...reasonOf(e, status, rule, p, regime)].join(' '),
    fields: e.late && required ? [...rule.fields, ...rule.fieldsIfLate] : [...rule.fields],
    judgementsNeeded: required ? e.judgementsNeeded : [],
    waitingFor: waitingForOf(e, status),
    completedAt: e.completedAt ?? null,
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

// The engine's schemas and summary live in files of their own; callers keep importing them from here.
export * from './obligation.js';
export * from './summary.js';
