import type { DataCategory, IncidentAttributes } from '../incident.js';
import { currentJudgement, type Judgement, type JudgementKind } from './judgement.js';
import type { Comparison, Condition, Regime } from './rule.js';
import { territoryCount, territoryLabel, type Counts } from './territory.js';

export type Truth = 'yes' | 'no' | 'unknown';

export interface ConditionContext {
  regime: Regime;
  dataCategories: readonly DataCategory[];
  attributes: IncidentAttributes;
  counts: Counts | undefined;
  judgements: readonly Judgement[];
  /** Set when evaluating one region of a fanned-out obligation. */
  region?: string;
}

export interface Evaluation {
  truth: Truth;
  /** Judgements whose absence leaves the answer open. */
  missing: JudgementKind[];
  /** True when the answer waits for head counts. */
  needsAssessment: boolean;
  /** Plain-words account of the leaves that decided the answer. */
  because: string[];
}

export function compare(a: number, op: Comparison, b: number): boolean {
  switch (op) {
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
  }
}

const OP_WORDS: Record<Comparison, string> = {
  gt: 'more than',
  gte: 'at least',
  lt: 'fewer than',
  lte: 'at most',
};

/** 1000000 → "1,000,000" without Intl, whose output may differ between workers. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const ATTRIBUTE_WORDS: Record<string, [whenTrue: string, whenFalse: string]> = {
  listedCompany: ['the company is listed', 'the company is not listed'],
  trustServiceProvider: ['a trust service provider', 'not a trust service provider'],
  criticalInfrastructure: ['critical information infrastructure', 'not critical information infrastructure'],
  dataEncrypted: ['the data was encrypted', 'the data was not encrypted'],
};

function humanKind(kind: JudgementKind): string {
  return kind.replace(/_/g, ' ');
}

/** A plain-words rendering of a condition, used in reasons and the README rules table. */
export function describeCondition(c: Condition, regime: Regime): string {
  if ('all' in c) return c.all.map((x) => wrap(x, regime)).join(' and ');
  if ('any' in c) return c.any.map((x) => wrap(x, regime)).join(' or ');
  if ('not' in c) {
    if ('judgement' in c.not) {
      const kind = humanKind(c.not.judgement.kind);
      return c.not.judgement.equals ? `no finding of ${kind}` : `unless judged not ${kind}`;
    }
    return `not (${describeCondition(c.not, regime)})`;
  }
  if ('headcount' in c) {
    const { scope, op, value } = c.headcount;
    const where =
      scope === 'total'
        ? 'in total'
        : scope === 'each_region'
          ? `in one region of ${territoryLabel(regime)}`
          : `in ${territoryLabel(regime)}`;
    return `${OP_WORDS[op]} ${formatCount(value)} people ${where}`;
  }
  if ('dataCategories' in c) return `data includes ${c.dataCategories.anyOf.join('/')}`;
  if ('attribute' in c) {
    const a = c.attribute;
    if ('in' in a)
      return a.name === 'nis2Entity' ? `NIS2 ${a.in.join(' or ')} entity` : `sector ${a.in.join(' or ')}`;
    if ('equals' in a) {
      const words = ATTRIBUTE_WORDS[a.name];
      return words ? (a.equals ? words[0] : words[1]) : `${a.name} is ${a.equals}`;
    }
    return `direct loss ${OP_WORDS[a.op]} ¥${formatCount(a.value)}`;
  }
  const own = c.judgement.own ? ` (a finding of its own)` : '';
  return c.judgement.equals
    ? `judged ${humanKind(c.judgement.kind)}${own}`
    : `judged not ${humanKind(c.judgement.kind)}${own}`;
}

function wrap(c: Condition, regime: Regime): string {
  const text = describeCondition(c, regime);
  return 'all' in c || 'any' in c ? `(${text})` : text;
}

function leaf(truth: Truth, because: string): Evaluation {
  return { truth, missing: [], needsAssessment: false, because: [because] };
}

function headcountOf(
  c: Extract<Condition, { headcount: unknown }>,
  ctx: ConditionContext,
  counts: Counts,
): number[] {
  const { scope } = c.headcount;
  if (scope === 'total') return [counts.affected];
  if (scope === 'territory') return [territoryCount(ctx.regime, counts)];
  if (ctx.region !== undefined) return [counts.byRegion[ctx.region] ?? 0];
  return Object.entries(counts.byRegion)
    .filter(([r]) => {
      const people = ctx.regime.applies.people;
      return !people || people.regions.includes(r) || people.countries.includes(r.slice(0, 2));
    })
    .map(([, n]) => n);
}

type Of<K extends string> = Extract<Condition, Record<K, unknown>>;

function evaluateCombination(c: Of<'all'> | Of<'any'>, ctx: ConditionContext): Evaluation {
  const parts = ('all' in c ? c.all : c.any).map((x) => evaluate(x, ctx));
  const decisive = 'all' in c ? 'no' : 'yes';
  const settled = parts.filter((p) => p.truth === decisive);
  if (settled.length > 0)
    return {
      truth: decisive,
      missing: [],
      needsAssessment: false,
      because: settled.flatMap((p) => p.because),
    };
  const open = parts.filter((p) => p.truth === 'unknown');
  if (open.length > 0) {
    return {
      truth: 'unknown',
      missing: [...new Set(open.flatMap((p) => p.missing))],
      needsAssessment: open.some((p) => p.needsAssessment),
      because: open.flatMap((p) => p.because),
    };
  }
  return {
    truth: 'all' in c ? 'yes' : 'no',
    missing: [],
    needsAssessment: false,
    because: parts.flatMap((p) => p.because),
  };
}

function evaluateHeadcount(c: Of<'headcount'>, ctx: ConditionContext, text: string): Evaluation {
  if (!ctx.counts)
    return { truth: 'unknown', missing: [], needsAssessment: true, because: [`${text} (not yet counted)`] };
  const values = headcountOf(c, ctx, ctx.counts);
  if (
    values.length === 0 &&
    c.headcount.scope === 'each_region' &&
    territoryCount(ctx.regime, ctx.counts) > 0
  ) {
    // People are counted for the country but not per region: the per-region duty is open, not absent.
    return {
      truth: 'unknown',
      missing: [],
      needsAssessment: true,
      because: [`${text} (no per-region counts)`],
    };
  }
  const hit = values.some((n) => compare(n, c.headcount.op, c.headcount.value));
  const shown = values.length === 0 ? 0 : Math.max(...values);
  return leaf(hit ? 'yes' : 'no', `${text} (counted ${formatCount(shown)})`);
}

function evaluateAttribute(c: Of<'attribute'>, ctx: ConditionContext, text: string): Evaluation {
  const a = c.attribute;
  if ('in' in a) {
    const actual = String(ctx.attributes[a.name]);
    return a.in.includes(actual)
      ? leaf('yes', text)
      : leaf('no', `${a.name} is ${actual}, not ${a.in.join('/')}`);
  }
  if ('equals' in a) {
    const hit = ctx.attributes[a.name] === a.equals;
    const words = ATTRIBUTE_WORDS[a.name];
    const actualText = words
      ? ctx.attributes[a.name]
        ? words[0]
        : words[1]
      : `${a.name} is ${ctx.attributes[a.name]}`;
    return leaf(hit ? 'yes' : 'no', actualText);
  }
  const loss = ctx.attributes.estimatedDirectLossCny ?? 0;
  return leaf(compare(loss, a.op, a.value) ? 'yes' : 'no', `${text} (estimated ¥${formatCount(loss)})`);
}

function evaluateJudgement(c: Of<'judgement'>, ctx: ConditionContext): Evaluation {
  const { kind, equals, ifMissing, own } = c.judgement;
  const j = currentJudgement(ctx.judgements, kind, ctx.regime.id, own === true);
  if (!j) {
    if (ifMissing === 'true' || ifMissing === 'false') {
      const assumed = ifMissing === 'true';
      return leaf(assumed === equals ? 'yes' : 'no', `no ${humanKind(kind)} judgement recorded`);
    }
    const waiting = own
      ? `waiting for a ${humanKind(kind)} judgement recorded for ${ctx.regime.id}`
      : `waiting for a ${humanKind(kind)} judgement`;
    return { truth: 'unknown', missing: [kind], needsAssessment: false, because: [waiting] };
  }
  const verdict = j.value ? humanKind(kind) : `not ${humanKind(kind)}`;
  return leaf(
    j.value === equals ? 'yes' : 'no',
    `judged ${verdict} by ${j.decidedBy} at ${j.decidedAt}: ${j.reason}`,
  );
}

/**
 * Three-valued evaluation: a missing judgement or a missing assessment makes a leaf `unknown`, and `all`/`any`
 * follow Kleene logic, so a known `no` in an `all` settles the answer even while a judgement is still open.
 */
export function evaluate(c: Condition, ctx: ConditionContext): Evaluation {
  if ('all' in c || 'any' in c) return evaluateCombination(c, ctx);
  const text = describeCondition(c, ctx.regime);
  if ('not' in c) {
    const inner = evaluate(c.not, ctx);
    const truth: Truth = inner.truth === 'unknown' ? 'unknown' : inner.truth === 'yes' ? 'no' : 'yes';
    return { ...inner, truth, because: [text] };
  }
  if ('headcount' in c) return evaluateHeadcount(c, ctx, text);
  if ('dataCategories' in c) {
    const found = c.dataCategories.anyOf.filter((d) => ctx.dataCategories.includes(d));
    return found.length > 0
      ? leaf('yes', `data includes ${found.join('/')}`)
      : leaf('no', `data includes none of ${c.dataCategories.anyOf.join('/')}`);
  }
  if ('attribute' in c) return evaluateAttribute(c, ctx, text);
  return evaluateJudgement(c, ctx);
}
