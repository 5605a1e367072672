import { z } from 'zod';
import { DataCategory } from '../incident.js';
import { hasCalendar } from '../calendar/business-days.js';
import { FIELD_CODES } from './fields.js';
import { JudgementKind } from './judgement.js';

/**
 * The shape of a regime in the rules pack. Everything a regime needs is data in this shape; the engine has no
 * regime-specific code, so adding a regime is adding an entry that passes `Regime.parse`.
 */

/** "More than 500" is `gt`, "500 or more" is `gte`: the comparison is always explicit. */
export const Comparison = z.enum(['gt', 'gte', 'lt', 'lte']);
export type Comparison = z.infer<typeof Comparison>;

export const OBLIGATION_KINDS = [
  'regulator_report',
  'individual_notice',
  'public_notice',
  'media_notice',
  'sample_to_regulator',
  'register_entry',
  // The nationwide consumer reporting agencies (US state laws: "more than 1,000 residents at one time").
  'credit_bureau_notice',
] as const;
export const ObligationKind = z.enum(OBLIGATION_KINDS);
export type ObligationKind = z.infer<typeof ObligationKind>;

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE');
const regionCode = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 code such as US-CA');
// Not z.iso.date(): the workflow bundler resolves it to z.date() (a nested namespace re-export collides by name).
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-11-29');

/**
 * Head counts: `territory` is the people living in the regime's countries and regions; `each_region` is one
 * ISO 3166-2 region at a time (HIPAA's "more than 500 residents of a State"); `total` is everyone affected.
 */
export const HeadcountScope = z.enum(['territory', 'each_region', 'total']);

export type Condition =
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition }
  | { headcount: { scope: z.infer<typeof HeadcountScope>; op: Comparison; value: number } }
  | { dataCategories: { anyOf: readonly DataCategory[] } }
  | { attribute: { name: 'sector' | 'nis2Entity'; in: readonly string[] } }
  | {
      attribute: {
        name: 'listedCompany' | 'trustServiceProvider' | 'criticalInfrastructure' | 'dataEncrypted';
        equals: boolean;
      };
    }
  | { attribute: { name: 'estimatedDirectLossCny'; op: Comparison; value: number } }
  /** `ifMissing` says what to assume before anyone decides; by default the obligation waits for the judgement. */
  /** `own: true`: only a finding recorded for this regime counts (its law words the test its own way). */
  | {
      judgement: {
        kind: JudgementKind;
        equals: boolean;
        ifMissing?: 'unknown' | 'true' | 'false';
        own?: boolean;
      };
    };

const CONDITION_KEYS = [
  'all',
  'any',
  'not',
  'headcount',
  'dataCategories',
  'attribute',
  'judgement',
] as const;

/**
 * Parsed as one object with exactly one key rather than as a union, so a bad rule is reported at its own path
 * ("triggers.headcount.op: expected gt|gte|lt|lte") instead of as "no union member matched".
 */
export const Condition: z.ZodType<Condition> = z.lazy(
  () =>
    z
      .strictObject({
        all: z.array(Condition).min(1).optional(),
        any: z.array(Condition).min(1).optional(),
        not: Condition.optional(),
        headcount: z
          .strictObject({ scope: HeadcountScope, op: Comparison, value: z.number().int().nonnegative() })
          .optional(),
        dataCategories: z.strictObject({ anyOf: z.array(DataCategory).min(1) }).optional(),
        attribute: z
          .discriminatedUnion('name', [
            z.strictObject({ name: z.enum(['sector', 'nis2Entity']), in: z.array(z.string()).min(1) }),
            z.strictObject({
              name: z.enum([
                'listedCompany',
                'trustServiceProvider',
                'criticalInfrastructure',
                'dataEncrypted',
              ]),
              equals: z.boolean(),
            }),
            z.strictObject({
              name: z.literal('estimatedDirectLossCny'),
              op: Comparison,
              value: z.number().nonnegative(),
            }),
          ])
          .optional(),
        judgement: z
          .strictObject({
            kind: JudgementKind,
            equals: z.boolean(),
            ifMissing: z.enum(['unknown', 'true', 'false']).optional(),
            own: z.boolean().optional(),
          })
          .optional(),
      })
      .refine((c) => CONDITION_KEYS.filter((k) => c[k] !== undefined).length === 1, {
        message: `a condition has exactly one of ${CONDITION_KEYS.join(', ')}`,
      }) as unknown as z.ZodType<Condition>,
);

export const ClockEvent = z.enum([
  'noticesStartedAt',
  'noticesCompletedAt',
  'assessmentConcludedAt',
  'handlingEndedAt',
]);
export type ClockEvent = z.infer<typeof ClockEvent>;

/**
 * What starts a clock. A judgement clock with `fallback: 'discovery'` counts from discovery until the judgement is
 * recorded (the earlier, safer deadline) and shows `needs_judgement` meanwhile.
 * `discovery_year_end` is 1 January 00:00 UTC after the year of discovery (HIPAA's annual log).
 */
export const ClockStart = z.union([
  z.strictObject({ from: z.literal('discovery') }),
  z.strictObject({
    from: z.literal('judgement'),
    kind: JudgementKind,
    fallback: z.literal('discovery').optional(),
  }),
  z.strictObject({ from: z.literal('event'), event: ClockEvent }),
  z.strictObject({ from: z.literal('discovery_year_end') }),
]);
export type ClockStart = z.infer<typeof ClockStart>;

/**
 * A deadline after the clock start. `none` is a duty with no fixed period ("without undue delay"); `basis:
 * 'guidance'` marks a period taken from regulator guidance rather than the statute (APPI's 3–5 days).
 */
export const Deadline = z
  .strictObject({
    unit: z.enum(['hours', 'calendar_days', 'business_days', 'months', 'none']),
    amount: z.number().int().positive().optional(),
    calendar: countryCode.optional(),
    text: z.string().min(3).max(200),
    basis: z.enum(['law', 'guidance']).default('law'),
  })
  .superRefine((d, ctx) => {
    if (d.unit === 'none' && d.amount !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'a deadline without a period has no amount',
      });
    }
    if (d.unit !== 'none' && d.amount === undefined) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: `a deadline in ${d.unit} needs an amount` });
    }
    if (d.unit === 'business_days' && (d.calendar === undefined || !hasCalendar(d.calendar))) {
      ctx.addIssue({
        code: 'custom',
        path: ['calendar'],
        message: 'business days need a country with a calendar',
      });
    }
  });
export type Deadline = z.output<typeof Deadline>;

export const ObligationRule = z.strictObject({
  kind: ObligationKind,
  phase: z.string().regex(/^[a-z][a-z0-9_]*$/),
  recipient: z.string().min(2).max(200),
  /** Extra condition for this obligation on top of the regime's triggers. */
  when: Condition.optional(),
  clock: ClockStart,
  deadline: Deadline,
  /** The first override whose condition holds replaces the deadline (NIS2 trust services: 24 h). */
  deadlineOverrides: z.array(z.strictObject({ when: Condition, deadline: Deadline })).default([]),
  fields: z.array(z.enum(FIELD_CODES)).min(1),
  /** Fields added once the deadline has passed (GDPR 33(1): reasons for the delay). */
  fieldsIfLate: z.array(z.enum(FIELD_CODES)).default([]),
  /** May be put on hold while a `law_enforcement_delay` judgement stands (California, Texas, HIPAA ...). */
  delayable: z.boolean().default(false),
  /** One obligation per region in the territory (HIPAA media notice per State). */
  fanOut: z.literal('region').optional(),
  /** A limit on the assessment that decides whether this obligation applies (Singapore, Australia: 30 days). */
  assessBy: z.strictObject({ clock: ClockStart, deadline: Deadline }).optional(),
  note: z.string().max(1_000).optional(),
});
export type ObligationRule = z.output<typeof ObligationRule>;

export const SubstituteTrigger = z.union([
  z.strictObject({
    metric: z.enum(['cost_usd', 'head_count', 'people_without_contact']),
    op: Comparison,
    value: z.number().nonnegative(),
  }),
  z.strictObject({ judgement: JudgementKind }),
]);
export type SubstituteTrigger = z.infer<typeof SubstituteTrigger>;

/** When a regime lets a public or substitute notice replace individual notices, and what it must consist of. */
export const SubstituteOption = z.strictObject({
  anyOf: z.array(SubstituteTrigger).min(1),
  /** Further conditions that must all hold as well (HIPAA: fewer than 10 people without contact details). */
  allOf: z.array(SubstituteTrigger).default([]),
  covers: z.enum(['everyone', 'people_without_contact']),
  means: z.array(z.string().min(3)).min(1),
  postingDays: z.number().int().positive().optional(),
  note: z.string().max(1_000).optional(),
});
export type SubstituteOption = z.output<typeof SubstituteOption>;
export type SubstituteOptionInput = z.input<typeof SubstituteOption>;

export const Regime = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: z.string().min(3).max(120),
    /** Where it applies: people living in these countries/regions, and/or facts about the incident. */
    applies: z
      .strictObject({
        people: z
          .strictObject({
            countries: z.array(countryCode).default([]),
            regions: z.array(regionCode).default([]),
            /** Short name for the territory in reasons and the README ("EU/EEA"). */
            label: z.string().min(2).max(40).optional(),
          })
          .optional(),
        attributes: Condition.optional(),
      })
      .refine(
        (a) => a.people !== undefined || a.attributes !== undefined,
        'a regime must say where it applies',
      ),
    /** Breaches discovered before this date are outside the regime. */
    inForceFrom: isoDate.optional(),
    triggers: Condition.optional(),
    obligations: z.array(ObligationRule).min(1),
    substituteNotice: z.array(SubstituteOption).default([]),
    recordKeeping: z.string().max(500).optional(),
    source: z.strictObject({
      citation: z.string().min(3).max(500),
      url: z.url(),
      /**
       * How the figures were checked: `source` against published text found when the rule was written (the
       * statute, the regulator or a law firm's summary), `knowledge` from the author's reading only, to verify.
       */
      confirmedBy: z.enum(['source', 'knowledge']).optional(),
    }),
    lastChecked: isoDate,
    /**
     * How the figures were checked: which ones a secondary source found at check time confirmed, and which rest
     * on the statute as known to the author, so a reviewer knows what to verify against the text first.
     */
    verification: z
      .strictObject({
        confirmedBy: z
          .array(z.strictObject({ url: z.url(), figures: z.array(z.string().min(2)).min(1) }))
          .default([]),
        fromKnowledge: z.array(z.string().min(2)).default([]),
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.obligations.forEach((o, i) => {
      const key = `${o.kind}.${o.phase}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['obligations', i], message: `duplicate ${key}` });
      seen.add(key);
      if (o.fanOut === 'region' && !r.applies.people) {
        ctx.addIssue({
          code: 'custom',
          path: ['obligations', i, 'fanOut'],
          message: 'fan-out needs a territory',
        });
      }
    });
  });
export type Regime = z.output<typeof Regime>;
export type RegimeInput = z.input<typeof Regime>;
