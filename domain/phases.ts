/** The life of an incident. The workflow moves through these in order; `cancelled` can end any open phase. */
export const PHASES = [
  'opened',
  'assessing',
  'awaiting_approval',
  'notifying',
  'reporting',
  'monitoring',
  'closed',
  'cancelled',
] as const;
export type Phase = (typeof PHASES)[number];

export const FINAL_PHASES: readonly Phase[] = ['closed', 'cancelled'];

export function isFinal(phase: Phase): boolean {
  return FINAL_PHASES.includes(phase);
}

/** Phases after which individual notices have started: the affected-user list is frozen from then on. */
export function noticesStarted(phase: Phase): boolean {
  return phase === 'notifying' || phase === 'reporting' || phase === 'monitoring' || phase === 'closed';
}
