import { describe, expect, it } from 'vitest';
import {
  currentJudgement,
  JudgementRequest,
  recordJudgement,
  type Judgement,
} from '../domain/obligations/judgement.js';

describe('judgements', () => {
  it('accepts a request an approver sends and records it with who and when', () => {
    const request = JudgementRequest.parse({
      kind: 'high_risk',
      value: true,
      reason: 'passwords were unhashed',
    });
    const j = recordJudgement(request, '2026-03-02T11:00:00Z', 'approver@example.com');
    expect(j).toEqual({
      kind: 'high_risk',
      value: true,
      reason: 'passwords were unhashed',
      decidedAt: '2026-03-02T11:00:00Z',
      decidedBy: 'approver@example.com',
    });
  });

  it('rejects unknown kinds, missing reasons, extra keys and a moment recorded as false', () => {
    expect(JudgementRequest.safeParse({ kind: 'gut_feeling', value: true, reason: 'hmm hmm' }).success).toBe(
      false,
    );
    expect(JudgementRequest.safeParse({ kind: 'risk', value: true }).success).toBe(false);
    expect(
      JudgementRequest.safeParse({ kind: 'risk', value: true, reason: 'ok ok', decidedBy: 'me' }).success,
    ).toBe(false);
    const falseMoment = JudgementRequest.safeParse({ kind: 'awareness', value: false, reason: 'not yet' });
    expect(falseMoment.success).toBe(false);
    expect(JSON.stringify(falseMoment.error?.issues)).toContain('records a moment');
  });

  it('refuses an effective moment after the decision', () => {
    const request = JudgementRequest.parse({
      kind: 'awareness',
      value: true,
      reason: 'SOC ticket',
      effectiveAt: '2026-03-02T12:00:00Z',
    });
    expect(() => recordJudgement(request, '2026-03-02T11:00:00Z', 'a@example.com')).toThrow(
      /must not be after decidedAt/,
    );
  });

  it('picks the latest decision, and a regime-scoped one over a general one', () => {
    const base = { reason: 'because', decidedBy: 'a@example.com' };
    const js: Judgement[] = [
      { ...base, kind: 'risk', value: true, decidedAt: '2026-03-02T12:00:00+01:00' },
      { ...base, kind: 'risk', value: false, decidedAt: '2026-03-02T11:30:00Z' },
      { ...base, kind: 'risk', value: true, decidedAt: '2026-03-02T09:00:00Z', regime: 'uk_gdpr' },
    ];
    // 12:00+01:00 is 11:00Z, so the 11:30Z decision is the later one despite sorting after it as text.
    expect(currentJudgement(js, 'risk', 'eu_gdpr')?.value).toBe(false);
    expect(currentJudgement(js, 'risk', 'uk_gdpr')?.value).toBe(true);
    expect(currentJudgement(js, 'high_risk', 'eu_gdpr')).toBeUndefined();
  });
});
