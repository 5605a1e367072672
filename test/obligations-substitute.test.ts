import { describe, expect, it } from 'vitest';
import { substituteNotice, substituteNotices } from '../domain/obligations/substitute.js';

describe('substitute and public notice', () => {
  it('California: above $250,000 in cost, above 500,000 people, or people without contact details', () => {
    expect(
      substituteNotice('us_california', {
        headCount: 1000,
        peopleWithoutContact: 0,
        estimatedCostUsd: 250_000,
      }).permitted,
    ).toBe(false);
    const costly = substituteNotice('us_california', {
      headCount: 1000,
      peopleWithoutContact: 0,
      estimatedCostUsd: 250_001,
    });
    expect(costly.permitted).toBe(true);
    expect(costly.options[0]?.postingDays).toBe(30);
    expect(substituteNotice('us_california', { headCount: 500_000, peopleWithoutContact: 0 }).permitted).toBe(
      false,
    );
    expect(substituteNotice('us_california', { headCount: 500_001, peopleWithoutContact: 0 }).permitted).toBe(
      true,
    );
    expect(substituteNotice('us_california', { headCount: 10, peopleWithoutContact: 1 }).permitted).toBe(
      true,
    );
  });

  it('HIPAA: other means under 10 people without contact, a 90-day posting from 10', () => {
    expect(substituteNotice('us_hipaa', { headCount: 100, peopleWithoutContact: 0 }).permitted).toBe(false);
    const few = substituteNotice('us_hipaa', { headCount: 100, peopleWithoutContact: 9 });
    expect(few.options).toHaveLength(1);
    expect(few.options[0]).toMatchObject({ covers: 'people_without_contact', postingDays: null });
    const many = substituteNotice('us_hipaa', { headCount: 100, peopleWithoutContact: 10 });
    expect(many.options).toHaveLength(1);
    expect(many.options[0]?.postingDays).toBe(90);
  });

  it('GDPR: only on a recorded disproportionate-effort judgement; Singapore: never', () => {
    expect(
      substituteNotice('eu_gdpr', { headCount: 5_000_000, peopleWithoutContact: 4_000_000 }).permitted,
    ).toBe(false);
    const judged = substituteNotice('eu_gdpr', { headCount: 5, peopleWithoutContact: 0 }, [
      {
        kind: 'disproportionate_effort',
        value: true,
        reason: 'no addresses kept',
        decidedAt: '2026-03-03T00:00:00Z',
        decidedBy: 'dpo@example.com',
      },
    ]);
    expect(judged.permitted).toBe(true);
    expect(judged.options[0]?.because).toContain('no addresses kept');
    const sg = substituteNotice('sg_pdpa', { headCount: 5, peopleWithoutContact: 5 });
    expect(sg.permitted).toBe(false);
    expect(sg.reason).toContain('no substitute');
  });

  it('Brazil: a 90-day posting for people who cannot be reached', () => {
    const br = substituteNotice('br_lgpd', { headCount: 50, peopleWithoutContact: 3 });
    expect(br.options[0]).toMatchObject({ covers: 'people_without_contact', postingDays: 90 });
  });

  it('decides once per regime for a list of obligations, with each regime its own counts', () => {
    const counts: Record<string, number> = { us_california: 600_000, us_texas: 300 };
    const decisions = substituteNotices(['us_california', 'us_texas', 'us_california'], (id) => ({
      headCount: counts[id] ?? 0,
      peopleWithoutContact: 0,
    }));
    expect(decisions.map((d) => [d.regime, d.permitted])).toEqual([
      ['us_california', true],
      ['us_texas', false],
    ]);
  });
});
