import { z } from 'zod';
import type { DataCategory } from './incident.js';

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const RiskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevel>;

/**
 * How much harm each leaked category can do to a person on its own. Credentials, money, official
 * identifiers and special-category data (GDPR Art. 9, children) allow fraud or lasting harm; contact
 * and location data enable targeted phishing or stalking; the rest mostly identifies.
 */
const CATEGORY_RISK: Record<DataCategory, RiskLevel> = {
  password: 'high',
  payment_card: 'high',
  bank_account: 'high',
  financial: 'high',
  national_id: 'high',
  passport: 'high',
  health: 'high',
  biometric: 'high',
  children: 'high',
  address: 'medium',
  date_of_birth: 'medium',
  location: 'medium',
  phone: 'medium',
  // Unknown data is treated as harmful until a responder says otherwise.
  other: 'medium',
  email: 'low',
  name: 'low',
  device_id: 'low',
  ip_address: 'low',
};

const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/** A person's risk is that of the most harmful category leaked about them. */
export function riskLevel(categories: readonly DataCategory[]): RiskLevel {
  let level: RiskLevel = 'low';
  for (const c of categories) {
    const r = CATEGORY_RISK[c];
    if (RANK[r] > RANK[level]) level = r;
  }
  return level;
}

export function categoryRisk(category: DataCategory): RiskLevel {
  return CATEGORY_RISK[category];
}

/** Key used in the count maps for people without the attribute. */
export const UNKNOWN = 'unknown';

/**
 * Aggregate view of an incident's affected people: what the workflow and the status API hold
 * instead of the people themselves. Each map sums to `affected` (people lacking the attribute
 * are counted under `unknown`).
 */
export const AssessmentCounts = z.object({
  affected: z.number().int().nonnegative(),
  byCountry: z.record(z.string(), z.number().int().nonnegative()),
  byRegion: z.record(z.string(), z.number().int().nonnegative()),
  reachable: z.object({
    email: z.number().int().nonnegative(),
    sms: z.number().int().nonnegative(),
    push: z.number().int().nonnegative(),
    // Counted since letters and calls; assessments recorded before count none on them.
    letter: z.number().int().nonnegative().default(0),
    voice: z.number().int().nonnegative().default(0),
    none: z.number().int().nonnegative(),
  }),
  byLocale: z.record(z.string(), z.number().int().nonnegative()),
  byRisk: z.object({
    low: z.number().int().nonnegative(),
    medium: z.number().int().nonnegative(),
    high: z.number().int().nonnegative(),
  }),
});
export type AssessmentCounts = z.infer<typeof AssessmentCounts>;

export function emptyAssessment(): AssessmentCounts {
  return {
    affected: 0,
    byCountry: {},
    byRegion: {},
    reachable: { email: 0, sms: 0, push: 0, letter: 0, voice: 0, none: 0 },
    byLocale: {},
    byRisk: { low: 0, medium: 0, high: 0 },
  };
}
