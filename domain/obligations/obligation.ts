import { z } from 'zod';
import { DataCategory, IncidentAttributes, Severity } from '../incident.js';
import { Judgement, JudgementKind } from './judgement.js';
import { ObligationKind } from './rule.js';

/** What the obligations engine takes (the incident as it stands) and answers (one obligation per duty). */

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
