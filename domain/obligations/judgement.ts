import { z } from 'zod';

/**
 * Decisions the law leaves to a person. Each is recorded as a signed, timestamped decision; the engine never
 * guesses one. Kinds that name a moment (`awareness`, `assessment_concluded`) carry `value: true` and the moment
 * in `effectiveAt`; the others are yes/no findings.
 *
 * Kinds name a question, not a regime: a finding recorded without `regime` answers that question for every regime
 * that asks it (the pack lists which: `findingsAsked` in findings.ts). A regime whose law words the test its own
 * way marks the condition `own: true`, and then only a finding recorded with that regime's id counts for it.
 */
export const JUDGEMENT_KINDS = {
  awareness: 'When the company became aware of the breach; clocks that run from awareness start here.',
  risk: 'The breach is likely to result in a risk to the rights and freedoms (or the interests) of the people concerned.',
  high_risk:
    'The breach is likely to result in a high risk to the rights and freedoms of the people concerned.',
  significant_incident:
    'The incident is significant for the continuity of the service (NIS2-style incident tests).',
  materiality:
    'The incident is material to investors; the decision starts the clock of securities disclosure rules.',
  harm_not_likely:
    'Written finding, after investigation and consulting law enforcement, that identity theft or financial harm is not likely.',
  harm_avoided:
    'Remedial measures effectively avoid harm to people, or significantly reduce its possibility (such as retrieving or deleting the leaked data).',
  serious_harm_likely:
    'The breach is likely to result in serious harm to people that remedial action did not avert.',
  real_risk_significant_harm: 'The breach creates a real risk of significant harm to people.',
  real_risk_of_harm:
    'The data was accessed or acquired by an unauthorised person and there is a real risk of harm to people.',
  significant_harm: 'The breach results, or is likely to result, in significant harm to people.',
  relevant_risk: 'The incident may cause relevant risk or damage to the people concerned.',
  large_scale: 'The incident affects data on a large scale.',
  improper_purpose: 'The breach may have been caused for an improper purpose, such as an attack.',
  external_access: 'The data leaked through unlawful access from outside the organisation, such as hacking.',
  severe_security_incident:
    'A severe security incident: unauthorised use of, or access to, a database or a substantial part of it.',
  protection_needs_notice:
    'Telling the people concerned is necessary for their protection (or the regulator asked for it).',
  serious_public_impact:
    'The breach disrupts public services or has a serious impact on the public interest.',
  low_probability_of_compromise:
    'The four-factor assessment shows a low probability that protected health information was compromised.',
  disproportionate_effort:
    'Notifying people one by one would involve disproportionate effort or is impracticable, so public notice replaces it.',
  law_enforcement_delay:
    'Law enforcement asked to delay notice so as not to impede an investigation; record value false when the request ends.',
  assessment_concluded: 'The assessment of whether the breach is notifiable has concluded.',
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
 * latest decision wins (ties go to the later entry), so a responder can override an earlier call. `ownOnly`
 * ignores general findings, for a regime whose test differs from the shared one.
 */
export function currentJudgement(
  judgements: readonly Judgement[],
  kind: JudgementKind,
  regime: string,
  ownOnly = false,
): Judgement | undefined {
  let best: Judgement | undefined;
  let bestScore = -1;
  for (const j of judgements) {
    if (j.kind !== kind || (j.regime !== undefined && j.regime !== regime)) continue;
    if (ownOnly && j.regime !== regime) continue;
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
