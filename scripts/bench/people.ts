// The bench's generated people and incident: the same N gives the same people on every run.
import type { AffectedUser } from '../../domain/affected-user.js';
import type { OpenIncidentRequest } from '../../domain/incident.js';

/** The channels the bench measures: the ones the local servers answer at SDK speed. */
export type BenchChannel = 'email' | 'sms' | 'push';
export type ChannelMix = Record<BenchChannel, number>;
/** The channel mix of issue 5: 90 % email, 50 % SMS, 40 % push. */
export const REALISTIC_MIX: ChannelMix = { email: 0.9, sms: 0.5, push: 0.4 };

/** The incident every harness run opens (with a severity); the bench's ceilings write its notices too. */
export const BENCH_INCIDENT = {
  title: 'Customer database copied by an attacker',
  description: 'An attacker used a stolen support account to copy customer records over three days.',
  discoveredAt: '2026-11-20T08:30:00Z',
  occurredFrom: '2026-11-11T00:00:00Z',
  occurredTo: '2026-11-20T08:00:00Z',
  dataCategories: ['email', 'phone', 'name'],
  measuresTaken: 'We disabled the account, rotated keys and reviewed access logs.',
  userActions: ['Be wary of messages asking for your password.'],
  contact: { name: 'Privacy Office', email: 'privacy@acme.example' },
} satisfies Omit<OpenIncidentRequest, 'severity'>;

export function benchPerson(i: number, random: () => number, mix: ChannelMix = REALISTIC_MIX): AffectedUser {
  const n = String(i).padStart(7, '0');
  const locales = ['en', 'en', 'en', 'zh-CN', 'es', 'fr'];
  return {
    userId: `b${n}`,
    name: `Person ${n}`,
    locale: locales[i % locales.length]!,
    ...(random() < mix.email ? { email: `b${n}@example.com` } : {}),
    ...(random() < mix.sms ? { phone: `+1555${n}` } : {}),
    ...(random() < mix.push ? { pushToken: `tok-b${n}` } : {}),
  };
}

/** A small deterministic generator, so two runs with the same N seed the same people. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
