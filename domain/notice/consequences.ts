import type { DataCategory } from '../incident.js';
import { RISK_KINDS, type RiskKind } from './template.js';

/**
 * Which harms each category of data opens a person to. Kept here, not in the templates, so that
 * every language explains the same risks for the same data.
 */
const RISKS_BY_CATEGORY: Readonly<Record<DataCategory, readonly RiskKind[]>> = {
  email: ['phishing', 'accountTakeover'],
  phone: ['phishing'],
  name: ['phishing'],
  address: ['identityTheft', 'phishing'],
  date_of_birth: ['identityTheft'],
  password: ['accountTakeover'],
  payment_card: ['financialFraud'],
  bank_account: ['financialFraud', 'identityTheft'],
  national_id: ['identityTheft'],
  passport: ['identityTheft'],
  health: ['sensitiveExposure'],
  biometric: ['sensitiveExposure', 'identityTheft'],
  location: ['tracking'],
  device_id: ['tracking'],
  ip_address: ['tracking'],
  financial: ['financialFraud'],
  children: ['sensitiveExposure', 'identityTheft'],
  other: ['general'],
};

/** The harms for these categories, in a stable order, never empty. */
export function risksFor(categories: readonly DataCategory[]): RiskKind[] {
  const found = new Set<RiskKind>(categories.flatMap((c) => RISKS_BY_CATEGORY[c]));
  const ordered = RISK_KINDS.filter((r) => found.has(r));
  return ordered.length > 0 ? ordered : ['general'];
}
