// Regime-neutral findings: a finding recorded without a regime answers the question for every regime asking
// it, a regime with a test of its own counts only its own finding, and the summary says what a missing
// finding blocks. Also the pack's record of where each international rule's figures were checked.
import { describe, expect, it } from 'vitest';
import { hasCalendar } from '../domain/calendar/business-days.js';
import { CALENDARS } from '../domain/calendar/holidays.js';
import { computeObligations, summariseObligations } from '../domain/obligations/engine.js';
import { findingsAsked } from '../domain/obligations/findings.js';
import { RULES_PACK } from '../domain/obligations/rules-pack.js';
import { finding } from './support/intl-rules.js';

const INTERNATIONAL = [
  'kr_pipa',
  'ph_dpa',
  'th_pdpa',
  'id_pdp',
  'vn_pdp',
  'my_pdpa',
  'hk_pdpo',
  'tw_pdpa',
  'nz_privacy_act',
  'ch_fadp',
  'tr_kvkk',
  'sa_pdpl',
  'ae_pdpl',
  'il_privacy',
  'za_popia',
  'ke_dpa',
  'ng_ndpa',
  'mx_lfpdppp',
  'ar_pdpa',
  'co_habeas_data',
  'cl_law_21719',
];

function incident(judgements: ReturnType<typeof finding>[]) {
  return computeObligations({
    incidentId: 'inc-neutral',
    facts: { discoveredAt: '2026-12-02T09:00:00Z', dataCategories: ['email'], severity: 'high' },
    assessment: { affected: 30, byCountry: { TH: 10, NG: 10, MY: 10 }, byRegion: {} },
    judgements: [finding('awareness', true), ...judgements],
    now: '2026-12-02T10:00:00Z',
  });
}

const statusOf = (list: ReturnType<typeof incident>, id: string) => list.find((o) => o.id === id)?.status;

describe('regime-neutral findings', () => {
  it('one general risk finding settles the risk question for Thailand and Nigeria alike', () => {
    const before = incident([]);
    expect(statusOf(before, 'th_pdpa.regulator_report.notification')).toBe('needs_judgement');
    expect(statusOf(before, 'ng_ndpa.regulator_report.notification')).toBe('needs_judgement');
    const after = incident([finding('risk', true)]);
    expect(statusOf(after, 'th_pdpa.regulator_report.notification')).toBe('due');
    expect(statusOf(after, 'ng_ndpa.regulator_report.notification')).toBe('due');
  });

  it('a finding scoped to one regime beats the general one there only', () => {
    const list = incident([finding('risk', true), finding('risk', false, 'ng_ndpa')]);
    expect(statusOf(list, 'th_pdpa.regulator_report.notification')).toBe('due');
    expect(statusOf(list, 'ng_ndpa.regulator_report.notification')).toBe('not_required');
  });

  it('says which regimes each missing finding blocks, and which need a finding of their own', () => {
    const summary = summariseObligations(incident([finding('significant_harm', true)]));
    const risk = summary.judgementsBlocking.find((b) => b.kind === 'risk');
    expect(risk?.regimes).toEqual(['th_pdpa', 'ng_ndpa']);
    expect(risk?.needsOwnFinding).toEqual([]);
    // The general significant-harm finding was recorded, yet Malaysia still waits for its own.
    const harm = summary.judgementsBlocking.find((b) => b.kind === 'significant_harm');
    expect(harm).toEqual({ kind: 'significant_harm', regimes: ['my_pdpa'], needsOwnFinding: ['my_pdpa'] });
    expect(summary.judgementsNeeded).toEqual(
      expect.arrayContaining(['risk', 'high_risk', 'significant_harm']),
    );
  });

  it('lists every question the pack asks with the regimes asking it', () => {
    const asked = findingsAsked(RULES_PACK);
    const risk = asked.find((a) => a.kind === 'risk');
    expect(risk?.regimes).toEqual(
      expect.arrayContaining(['eu_gdpr', 'th_pdpa', 'ng_ndpa', 'sa_pdpl', 'cl_law_21719']),
    );
    const harm = asked.find((a) => a.kind === 'significant_harm');
    expect(harm?.regimes).toEqual(expect.arrayContaining(['sg_pdpa', 'my_pdpa', 'mx_lfpdppp']));
    expect(harm?.own).toEqual(['my_pdpa', 'mx_lfpdppp']);
    expect(asked.find((a) => a.kind === 'serious_harm_likely')?.regimes).toEqual(
      expect.arrayContaining(['au_ndb', 'ph_dpa', 'nz_privacy_act']),
    );
  });
});

describe('international regimes in the pack', () => {
  it('holds every regime with its citation, source, check date and how its figures were checked', () => {
    for (const id of INTERNATIONAL) {
      const regime = RULES_PACK.find((r) => r.id === id);
      expect(regime, id).toBeDefined();
      expect(regime?.lastChecked).toBe('2026-12-08');
      expect(regime?.source.url).toMatch(/^https:\/\//);
      expect(['source', 'knowledge']).toContain(regime?.source.confirmedBy);
    }
  });

  it('has holiday data for this year and the next in every calendar a business-day clock uses', () => {
    const calendars = new Set<string>();
    for (const regime of RULES_PACK.filter((r) => INTERNATIONAL.includes(r.id))) {
      for (const rule of regime.obligations) {
        if (rule.deadline.unit === 'business_days' && rule.deadline.calendar)
          calendars.add(rule.deadline.calendar);
      }
    }
    expect([...calendars]).toEqual(['CO']);
    for (const c of calendars) {
      expect(hasCalendar(c)).toBe(true);
      expect(CALENDARS[c]?.years[2026]?.status).toBe('official');
      expect(CALENDARS[c]?.years[2027]?.status).toBe('provisional');
    }
  });
});
