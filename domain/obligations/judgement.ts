import { z } from 'zod';

/**
 * Decisions the law leaves to a person. Each is recorded as a signed, timestamped decision; the engine never
 * guesses one. Kinds that name a moment (`awareness`, `assessment_concluded`) carry `value: true` and the moment
 * in `effectiveAt`; the others are yes/no findings.
 */
export const JUDGEMENT_KINDS = {
  awareness: 'When the company became aware of the breach (GDPR, NIS2, APPI, LGPD, DPDP clocks start here).',
  risk: 'The breach is likely to result in a risk to the rights and freedoms of people (GDPR/UK GDPR Art. 33).',
  high_risk: 'The breach is likely to result in a high risk to people (GDPR/UK GDPR Art. 34).',
  significant_incident: 'The incident is significant under NIS2 Art. 23(3).',
  materiality:
    'The incident is material to investors (SEC Form 8-K Item 1.05); the decision starts the clock.',
  harm_not_likely:
    'Written finding, after investigation and consulting law enforcement, that identity theft or financial harm is not likely (Florida 501.171(4)(c)).',
  harm_avoided:
    'Remedial measures effectively avoid harm to people (PIPL Art. 57: individual notice may be skipped).',
  serious_harm_likely:
    'The breach is likely to result in serious harm that remedial action did not avert (Australia NDB).',
  real_risk_significant_harm: 'The breach creates a real risk of significant harm (PIPEDA s. 10.1).',
  significant_harm:
    'The breach results, or is likely to result, in significant harm (Singapore PDPA s. 26B(1)(a)).',
  relevant_risk:
    'The incident may cause relevant risk or damage to data subjects (LGPD Art. 48, ANPD Res. 15/2024).',
  large_scale: 'The incident affects data on a large scale (ANPD Res. 15/2024 Art. 5).',
  improper_purpose:
    'The breach may have been caused for an improper purpose, such as an attack (APPI Rule 7(iii)).',
  low_probability_of_compromise:
    'The four-factor assessment shows a low probability that protected health information was compromised (HIPAA 164.402).',
  disproportionate_effort:
    'Notifying people one by one would involve disproportionate effort or is impracticable, so public notice replaces it.',
  law_enforcement_delay:
    'Law enforcement asked to delay notice so as not to impede an investigation; record value false when the request ends.',
  assessment_concluded:
    'The assessment of whether the breach is notifiable has concluded (Singapore PDPA, Australia NDB).',
} as const;

export type JudgementKind = keyof typeof JUDGEMENT_KINDS;
export const JudgementKind = z.enum(Object.keys(JUDGEMENT_KINDS) as [JudgementKind, ...JudgementKind[]]);

/** Kinds that record when something happened rather than a yes/no finding. */
export const MOMENT_KINDS: readonly JudgementKind[] = ['awareness', 'assessment_concluded'];

const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time, e.g. 2026-11-20T08:30:00Z',
});

const judgementShape = {
  kind: JudgementKind,
  value: z.boolean(),
  reason: z.string().trim().min(3).max(5_000),
  /** The moment the decision refers to when it differs from when it was recorded (awareness at 10:00, recorded at 14:00). */
  effectiveAt: isoDateTime.optional(),
  /** Limits the judgement to one regime (e.g. `us_florida`); without it the judgement holds for every regime. */
  regime: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'must be a regime id such as eu_gdpr')
    .max(60)
    .optional(),
};

function momentsAreTrue(v: { kind: JudgementKind; value: boolean }, ctx: z.RefinementCtx): void {
  if (MOMENT_KINDS.includes(v.kind) && !v.value) {
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: `${v.kind} records a moment; value must be true`,
    });
  }
}

/** What an approver sends to `POST /v1/incidents/:id/judgements`; the server adds `decidedAt` and `decidedBy`. */
export const JudgementRequest = z.object(judgementShape).strict().superRefine(momentsAreTrue);
export type JudgementRequest = z.infer<typeof JudgementRequest>;

export const Judgement = z
  .object({
    ...judgementShape,
    decidedAt: isoDateTime,
    decidedBy: z.string().trim().min(1).max(320),
  })
  .strict()
  .superRefine(momentsAreTrue)
  .superRefine((v, ctx) => {
    if (v.effectiveAt && Date.parse(v.effectiveAt) > Date.parse(v.decidedAt)) {
      ctx.addIssue({ code: 'custom', path: ['effectiveAt'], message: 'must not be after decidedAt' });
    }
  });
export type Judgement = z.infer<typeof Judgement>;

/** Turns a validated request into a recorded judgement; throws a ZodError when `effectiveAt` is in the future. */
export function recordJudgement(request: JudgementRequest, decidedAt: string, decidedBy: string): Judgement {
  return Judgement.parse({ ...request, decidedAt, decidedBy });
}

/** The moment a judgement refers to. */
export function judgementTime(j: Judgement): string {
  return j.effectiveAt ?? j.decidedAt;
}

/**
 * The judgement in force for a kind and regime: a regime-scoped judgement beats a general one, and among those the
 * latest decision wins (ties go to the later entry), so a responder can override an earlier call.
 */
export function currentJudgement(
  judgements: readonly Judgement[],
  kind: JudgementKind,
  regime: string,
): Judgement | undefined {
  let best: Judgement | undefined;
  let bestScore = -1;
  for (const j of judgements) {
    if (j.kind !== kind || (j.regime !== undefined && j.regime !== regime)) continue;
    const scoped = j.regime === regime ? 1 : 0;
    if (
      best === undefined ||
      scoped > bestScore ||
      (scoped === bestScore && Date.parse(j.decidedAt) >= Date.parse(best.decidedAt))
    ) {
      best = j;
      bestScore = scoped;
    }
  }
  return best;
}
