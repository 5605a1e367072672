// When a filing starts, when its reminders fall, and whether its rule wants reasons for a late filing.
// Pure, so the workflows can replay it.
import type { Obligation } from '../domain/obligations/engine.js';
import { regimeById } from '../domain/obligations/rules-pack.js';

/** Shares of the time allowed at which the incident's contact is reminded before the deadline. */
export const REMINDER_SHARES = [0.5, 0.8, 1] as const;
/** Reminders after the deadline, while the filing has not gone out; bounded so history stays small. */
export const OVERDUE_REMINDERS = 8;
const OVERDUE_EVERY_SHARE = 0.25;
const MIN_OVERDUE_EVERY_MS = 60 * 60 * 1000;

export function reminderTimes(clockStart: number, due: number): Array<{ share: number; at: number }> {
  const allowed = Math.max(due - clockStart, 0);
  const before = REMINDER_SHARES.map((share) => ({ share, at: clockStart + share * allowed }));
  const every = Math.max(allowed * OVERDUE_EVERY_SHARE, MIN_OVERDUE_EVERY_MS);
  const after = Array.from({ length: OVERDUE_REMINDERS }, (_, k) => ({
    share: allowed > 0 ? 1 + ((k + 1) * every) / allowed : 1,
    at: due + (k + 1) * every,
  }));
  return [...before, ...after];
}

/** The rule's late fields include the reasons for delay (GDPR Art. 33(1)): a late filing waits for them. */
export function lateNeedsReasons(regime: string, phase: string, obligationId: string): boolean {
  const kind = obligationId.split('.')[1];
  const rule = regimeById(regime)?.obligations.find((r) => r.kind === kind && r.phase === phase);
  return rule?.fieldsIfLate.includes('reasons_for_delay') ?? false;
}

/**
 * Whether an obligation is owed now, so its filing starts: due or overdue, or waiting only for the moment
 * that starts its clock (awareness), which meanwhile counts from discovery, the earlier and safer deadline.
 */
export function obligationOwed(o: Obligation): boolean {
  if (o.clockStart === null) return false;
  if (o.status === 'due' || o.status === 'overdue') return true;
  if (o.status !== 'needs_judgement' || !o.clockProvisional) return false;
  const clock = regimeById(o.regime)?.obligations.find(
    (r) => r.kind === o.kind && r.phase === o.phase,
  )?.clock;
  return clock?.from === 'judgement' && o.judgementsNeeded.every((k) => k === clock.kind);
}
