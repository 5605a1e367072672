import { describe, expect, it } from 'vitest';
import type { DataCategory, IncidentAttributes } from '../domain/incident.js';
import {
  computeObligations,
  summariseObligations,
  type Obligation,
  type ObligationInput,
} from '../domain/obligations/engine.js';
import type { Judgement, JudgementKind } from '../domain/obligations/judgement.js';

interface Scenario {
  discoveredAt?: string;
  categories?: DataCategory[];
  attributes?: Partial<IncidentAttributes>;
  byCountry?: Record<string, number>;
  byRegion?: Record<string, number>;
  noAssessment?: boolean;
  judgements?: Judgement[];
  events?: ObligationInput['events'];
  now?: string;
}

function judge(
  kind: JudgementKind,
  value: boolean,
  decidedAt: string,
  extra: Partial<Judgement> = {},
): Judgement {
  return { kind, value, reason: `recorded for ${kind}`, decidedAt, decidedBy: 'dpo@example.com', ...extra };
}

function run(s: Scenario): Obligation[] {
  const byCountry = s.byCountry ?? {};
  const affected = Object.values(byCountry).reduce((a, b) => a + b, 0);
  return computeObligations({
    incidentId: 'inc-1',
    facts: {
      discoveredAt: s.discoveredAt ?? '2026-03-02T08:00:00Z',
      dataCategories: s.categories ?? ['email', 'password'],
      severity: 'high',
      attributes: s.attributes ?? {},
    },
    assessment: s.noAssessment ? undefined : { affected, byCountry, byRegion: s.byRegion ?? {} },
    judgements: s.judgements ?? [],
    events: s.events ?? {},
    now: s.now ?? '2026-03-02T12:00:00Z',
  });
}

function get(obligations: Obligation[], id: string): Obligation {
  const found = obligations.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id}; have ${obligations.map((o) => o.id).join(', ')}`);
  return found;
}

const ids = (obligations: Obligation[]) => obligations.map((o) => o.id);

describe('EU GDPR and UK GDPR', () => {
  const aware = judge('awareness', true, '2026-03-02T10:00:00Z');

  it('counts 72 hours from awareness: aware 2026-03-02T10:00Z → report due 2026-03-05T10:00Z', () => {
    const obs = run({
      byCountry: { DE: 40 },
      judgements: [aware, judge('risk', true, '2026-03-02T11:00:00Z')],
    });
    const report = get(obs, 'eu_gdpr.regulator_report.notification');
    expect(report.clockStart).toBe('2026-03-02T10:00:00.000Z');
    expect(report.dueAt).toBe('2026-03-05T10:00:00.000Z');
    expect(report.status).toBe('due');
    expect(report.recipient).toBe('lead supervisory authority');
    expect(report.fields).toContain('likely_consequences');
    expect(report.fields).not.toContain('reasons_for_delay');
  });

  it('shows needs_judgement with the clock running while nobody has judged the risk', () => {
    const report = get(
      run({ byCountry: { FR: 3 }, judgements: [aware] }),
      'eu_gdpr.regulator_report.notification',
    );
    expect(report.status).toBe('needs_judgement');
    expect(report.judgementsNeeded).toEqual(['risk', 'high_risk']);
    expect(report.dueAt).toBe('2026-03-05T10:00:00.000Z');
  });

  it('counts from discovery until awareness is recorded, and honours an awareness moment recorded later', () => {
    const provisional = get(run({ byCountry: { DE: 1 } }), 'eu_gdpr.regulator_report.notification');
    expect(provisional.clockProvisional).toBe(true);
    expect(provisional.dueAt).toBe('2026-03-05T08:00:00.000Z');
    expect(provisional.judgementsNeeded).toEqual(['risk', 'high_risk', 'awareness']);

    const late = judge('awareness', true, '2026-03-02T14:00:00Z', { effectiveAt: '2026-03-02T10:00:00Z' });
    const recorded = get(
      run({ byCountry: { DE: 1 }, judgements: [late] }),
      'eu_gdpr.regulator_report.notification',
    );
    expect(recorded.clockProvisional).toBe(false);
    expect(recorded.dueAt).toBe('2026-03-05T10:00:00.000Z');
  });

  it('is overdue one millisecond after the deadline and then asks for the reasons for delay', () => {
    const judgements = [aware, judge('risk', true, '2026-03-02T11:00:00Z')];
    const onTime = get(
      run({ byCountry: { DE: 1 }, judgements, now: '2026-03-05T10:00:00Z' }),
      'eu_gdpr.regulator_report.notification',
    );
    expect(onTime.status).toBe('due');
    const late = get(
      run({ byCountry: { DE: 1 }, judgements, now: '2026-03-05T10:00:00.001Z' }),
      'eu_gdpr.regulator_report.notification',
    );
    expect(late.status).toBe('overdue');
    expect(late.fields).toContain('reasons_for_delay');
  });

  it('drops the report when the risk is judged unlikely, but keeps the register entry', () => {
    const obs = run({
      byCountry: { IE: 10 },
      judgements: [aware, judge('risk', false, '2026-03-02T11:00:00Z')],
    });
    expect(get(obs, 'eu_gdpr.regulator_report.notification').status).toBe('not_required');
    expect(get(obs, 'eu_gdpr.regulator_report.notification').dueAt).toBeNull();
    expect(get(obs, 'eu_gdpr.register_entry.record').status).toBe('due');
  });

  it('takes a high-risk finding as settling the report too', () => {
    const obs = run({
      byCountry: { DE: 1 },
      judgements: [aware, judge('high_risk', true, '2026-03-02T11:00:00Z')],
    });
    expect(get(obs, 'eu_gdpr.regulator_report.notification').status).toBe('due');
  });

  it('lets a later judgement override an earlier one', () => {
    const judgements = [
      aware,
      judge('risk', false, '2026-03-02T11:00:00Z'),
      judge('risk', true, '2026-03-02T11:30:00Z'),
    ];
    expect(
      get(run({ byCountry: { DE: 1 }, judgements }), 'eu_gdpr.regulator_report.notification').status,
    ).toBe('due');
  });

  it('needs individual notice only for high risk and unencrypted data, and public notice only for disproportionate effort', () => {
    const highRisk = [aware, judge('high_risk', true, '2026-03-02T11:00:00Z')];
    const plain = run({ byCountry: { DE: 1 }, judgements: highRisk });
    expect(get(plain, 'eu_gdpr.individual_notice.notification').status).toBe('due');
    expect(get(plain, 'eu_gdpr.public_notice.notification').status).toBe('not_required');
    const encrypted = run({
      byCountry: { DE: 1 },
      judgements: highRisk,
      attributes: { dataEncrypted: true },
    });
    expect(get(encrypted, 'eu_gdpr.individual_notice.notification').status).toBe('not_required');
    const effort = run({
      byCountry: { DE: 1 },
      judgements: [...highRisk, judge('disproportionate_effort', true, '2026-03-02T11:00:00Z')],
    });
    expect(get(effort, 'eu_gdpr.public_notice.notification').status).toBe('due');
  });

  it('applies UK GDPR to people in GB only, with the ICO as recipient', () => {
    const uk = run({
      byCountry: { GB: 5 },
      judgements: [aware, judge('risk', true, '2026-03-02T11:00:00Z')],
    });
    expect(get(uk, 'uk_gdpr.regulator_report.notification').recipient).toContain('ICO');
    expect(get(uk, 'uk_gdpr.regulator_report.notification').dueAt).toBe('2026-03-05T10:00:00.000Z');
    expect(ids(uk).some((id) => id.startsWith('eu_gdpr.'))).toBe(false);
    expect(ids(run({ byCountry: { DE: 5 } })).some((id) => id.startsWith('uk_gdpr.'))).toBe(false);
  });

  it('scopes a judgement to one regime when it names one', () => {
    const judgements = [
      aware,
      judge('risk', true, '2026-03-02T11:00:00Z'),
      judge('risk', false, '2026-03-02T11:00:00Z', { regime: 'uk_gdpr' }),
    ];
    const obs = run({ byCountry: { DE: 1, GB: 1 }, judgements });
    expect(get(obs, 'eu_gdpr.regulator_report.notification').status).toBe('due');
    expect(get(obs, 'uk_gdpr.regulator_report.notification').status).toBe('not_required');
  });
});

describe('EU NIS2', () => {
  const aware = judge('awareness', true, '2026-03-02T10:00:00Z');
  const entity = { nis2Entity: 'essential' as const };

  it('gives an early warning at 24 h and a notification at 72 h, clocks running before the significance call', () => {
    const obs = run({ attributes: entity, judgements: [aware] });
    const early = get(obs, 'eu_nis2.regulator_report.early_warning');
    const notification = get(obs, 'eu_nis2.regulator_report.notification');
    expect(early.dueAt).toBe('2026-03-03T10:00:00.000Z');
    expect(notification.dueAt).toBe('2026-03-05T10:00:00.000Z');
    expect(early.status).toBe('needs_judgement');
    expect(early.judgementsNeeded).toEqual(['significant_incident']);
  });

  it('becomes due once significant, with a final report one month later', () => {
    const obs = run({
      attributes: entity,
      judgements: [aware, judge('significant_incident', true, '2026-03-02T11:00:00Z')],
    });
    expect(get(obs, 'eu_nis2.regulator_report.early_warning').status).toBe('due');
    expect(get(obs, 'eu_nis2.regulator_report.final').dueAt).toBe('2026-04-02T10:00:00.000Z');
  });

  it('shortens the notification to 24 h for trust service providers', () => {
    const obs = run({ attributes: { ...entity, trustServiceProvider: true }, judgements: [aware] });
    expect(get(obs, 'eu_nis2.regulator_report.notification').dueAt).toBe('2026-03-03T10:00:00.000Z');
  });

  it('is not required for an incident judged not significant, and absent for non-NIS2 entities', () => {
    const obs = run({
      attributes: { nis2Entity: 'important' },
      judgements: [aware, judge('significant_incident', false, '2026-03-02T11:00:00Z')],
    });
    expect(get(obs, 'eu_nis2.regulator_report.early_warning').status).toBe('not_required');
    expect(ids(run({ judgements: [aware] })).some((id) => id.startsWith('eu_nis2.'))).toBe(false);
  });
});

describe('China PIPL and CAC incident measures', () => {
  it('needs the 4-hour CAC report from 1,000,000 people in China, not at 999,999', () => {
    const at = get(run({ byCountry: { CN: 1_000_000 } }), 'cn_cac_incident.regulator_report.early_report');
    expect(at.status).toBe('due');
    expect(at.dueAt).toBe('2026-03-02T12:00:00.000Z');
    const below = get(run({ byCountry: { CN: 999_999 } }), 'cn_cac_incident.regulator_report.early_report');
    expect(below.status).toBe('not_required');
    expect(below.reason).toContain('999,999');
  });

  it('gives critical information infrastructure 1 hour, and counts a ¥5M loss as a trigger', () => {
    const cii = run({ byCountry: { CN: 2_000_000 }, attributes: { criticalInfrastructure: true } });
    expect(get(cii, 'cn_cac_incident.regulator_report.early_report').dueAt).toBe('2026-03-02T09:00:00.000Z');
    const loss = run({ byCountry: { CN: 10 }, attributes: { estimatedDirectLossCny: 5_000_000 } });
    expect(get(loss, 'cn_cac_incident.regulator_report.early_report').status).toBe('due');
  });

  it('waits for the end of handling before the 30-day summary report', () => {
    const open = get(run({ byCountry: { CN: 1_000_000 } }), 'cn_cac_incident.regulator_report.final');
    expect(open.status).toBe('waiting_for_event');
    expect(open.waitingFor).toBe('handlingEndedAt');
    const ended = run({ byCountry: { CN: 1_000_000 }, events: { handlingEndedAt: '2026-03-10T00:00:00Z' } });
    expect(get(ended, 'cn_cac_incident.regulator_report.final').dueAt).toBe('2026-04-09T00:00:00.000Z');
  });

  it('asks PIPL for immediate notice unless measures effectively avoid harm', () => {
    const obs = run({ byCountry: { CN: 3 } });
    expect(get(obs, 'cn_pipl.regulator_report.notification').status).toBe('due');
    expect(get(obs, 'cn_pipl.individual_notice.notification').status).toBe('due');
    const avoided = run({
      byCountry: { CN: 3 },
      judgements: [judge('harm_avoided', true, '2026-03-02T09:00:00Z')],
    });
    expect(get(avoided, 'cn_pipl.individual_notice.notification').status).toBe('not_required');
  });
});

describe('United States', () => {
  const aware = () => judge('awareness', true, '2026-03-02T10:00:00Z');

  it('California: sample to the Attorney General only above 500 residents, 15 days after notices start', () => {
    expect(
      get(
        run({ byRegion: { 'US-CA': 500 }, byCountry: { US: 500 } }),
        'us_california.sample_to_regulator.notification',
      ).status,
    ).toBe('not_required');
    const above = run({ byRegion: { 'US-CA': 501 }, byCountry: { US: 501 } });
    const sample = get(above, 'us_california.sample_to_regulator.notification');
    expect(sample.status).toBe('waiting_for_event');
    expect(sample.waitingFor).toBe('noticesStartedAt');
    const started = run({
      byRegion: { 'US-CA': 501 },
      byCountry: { US: 501 },
      events: { noticesStartedAt: '2026-03-20T09:00:00Z' },
    });
    expect(get(started, 'us_california.sample_to_regulator.notification').dueAt).toBe(
      '2026-04-04T09:00:00.000Z',
    );
    expect(get(above, 'us_california.individual_notice.notification').dueAt).toBe('2026-04-01T08:00:00.000Z');
  });

  it('California: nothing for encrypted data or data outside its categories', () => {
    const encrypted = run({ byRegion: { 'US-CA': 900 }, attributes: { dataEncrypted: true } });
    expect(get(encrypted, 'us_california.individual_notice.notification').status).toBe('not_required');
    const emailOnly = run({ byRegion: { 'US-CA': 900 }, categories: ['email', 'name'] });
    expect(get(emailOnly, 'us_california.individual_notice.notification').status).toBe('not_required');
  });

  it('Texas: Attorney General from 250 residents, 30 days from determination', () => {
    expect(get(run({ byRegion: { 'US-TX': 249 } }), 'us_texas.regulator_report.notification').status).toBe(
      'not_required',
    );
    const at = run({
      byRegion: { 'US-TX': 250 },
      judgements: [judge('awareness', true, '2026-03-02T10:00:00Z')],
    });
    expect(get(at, 'us_texas.regulator_report.notification').status).toBe('due');
    expect(get(at, 'us_texas.regulator_report.notification').dueAt).toBe('2026-04-01T10:00:00.000Z');
    expect(get(at, 'us_texas.individual_notice.notification').dueAt).toBe('2026-05-01T10:00:00.000Z');
  });

  it('Florida: Department of Legal Affairs from 500, nothing after a written harm-not-likely finding', () => {
    expect(get(run({ byRegion: { 'US-FL': 499 } }), 'us_florida.regulator_report.notification').status).toBe(
      'not_required',
    );
    expect(get(run({ byRegion: { 'US-FL': 500 } }), 'us_florida.regulator_report.notification').status).toBe(
      'needs_judgement',
    );
    const finding = run({
      byRegion: { 'US-FL': 800 },
      judgements: [judge('harm_not_likely', true, '2026-03-03T10:00:00Z', { regime: 'us_florida' })],
    });
    expect(get(finding, 'us_florida.individual_notice.notification').status).toBe('not_required');
    expect(get(finding, 'us_florida.regulator_report.notification').status).toBe('not_required');
  });

  it('HIPAA: HHS from 500 people, media notice only above 500 in one State', () => {
    const health = { sector: 'health' as const };
    const at500 = run({ attributes: health, byCountry: { US: 500 }, byRegion: { 'US-TX': 500 } });
    expect(get(at500, 'us_hipaa.regulator_report.notification').status).toBe('due');
    expect(get(at500, 'us_hipaa.regulator_report.notification').dueAt).toBe('2026-05-01T08:00:00.000Z');
    expect(get(at500, 'us_hipaa.regulator_report.annual_log').status).toBe('not_required');
    expect(get(at500, 'us_hipaa.media_notice.notification.US-TX').status).toBe('not_required');

    const at501 = run({ attributes: health, byCountry: { US: 501 }, byRegion: { 'US-TX': 501 } });
    expect(get(at501, 'us_hipaa.media_notice.notification.US-TX').status).toBe('due');
    expect(get(at501, 'us_hipaa.media_notice.notification.US-TX').recipient).toContain('US-TX');

    const spread = run({
      attributes: health,
      byCountry: { US: 900 },
      byRegion: { 'US-CA': 450, 'US-NY': 450 },
    });
    expect(get(spread, 'us_hipaa.regulator_report.notification').status).toBe('due');
    expect(spread.filter((o) => o.kind === 'media_notice').every((o) => o.status === 'not_required')).toBe(
      true,
    );
  });

  it('HIPAA: under 500 goes to the annual log, due 60 days after the year ends; not for other sectors', () => {
    const small = run({
      attributes: { sector: 'health' },
      byCountry: { US: 499 },
      byRegion: { 'US-WA': 499 },
    });
    expect(get(small, 'us_hipaa.regulator_report.notification').status).toBe('not_required');
    expect(get(small, 'us_hipaa.regulator_report.annual_log').dueAt).toBe('2027-03-02T00:00:00.000Z');
    expect(ids(run({ byCountry: { US: 499 } })).some((id) => id.startsWith('us_hipaa.'))).toBe(false);
  });

  it('HIPAA: a low probability of compromise finding ends the duties', () => {
    const obs = run({
      attributes: { sector: 'health' },
      byCountry: { US: 800 },
      judgements: [judge('low_probability_of_compromise', true, '2026-03-03T00:00:00Z')],
    });
    expect(obs.filter((o) => o.regime === 'us_hipaa').every((o) => o.status === 'not_required')).toBe(true);
  });

  it('puts notices on hold while law enforcement asks for a delay, and resumes when it ends', () => {
    const hold = judge('law_enforcement_delay', true, '2026-03-03T00:00:00Z', {
      reason: 'FBI request, case 123',
    });
    const held = run({ byRegion: { 'US-CA': 900 }, judgements: [hold] });
    const notice = get(held, 'us_california.individual_notice.notification');
    expect(notice.status).toBe('waiting_for_event');
    expect(notice.waitingFor).toBe('law_enforcement_delay');
    expect(notice.reason).toContain('FBI request, case 123');
    const lifted = run({
      byRegion: { 'US-CA': 900 },
      judgements: [hold, judge('law_enforcement_delay', false, '2026-03-10T00:00:00Z')],
    });
    expect(get(lifted, 'us_california.individual_notice.notification').status).toBe('due');
    // GDPR has no such hold in the pack.
    const eu = run({
      byCountry: { DE: 1 },
      judgements: [aware(), hold, judge('high_risk', true, '2026-03-02T11:00:00Z')],
    });
    expect(get(eu, 'eu_gdpr.individual_notice.notification').status).toBe('due');
  });

  it('HIPAA: a media notice stays open when the count has no per-State breakdown', () => {
    const media = get(
      run({ attributes: { sector: 'health' }, byCountry: { US: 800 } }),
      'us_hipaa.media_notice.notification',
    );
    expect(media.status).toBe('waiting_for_event');
    expect(media.waitingFor).toBe('assessment');
  });

  it('SEC: four business days from the materiality decision, across a weekend', () => {
    const listed = { listedCompany: true };
    const waiting = get(run({ attributes: listed }), 'us_sec_8k.regulator_report.notification');
    expect(waiting.status).toBe('needs_judgement');
    expect(waiting.dueAt).toBeNull();
    // Thursday 10:00 New York → Wednesday 10:00 (after the DST switch on Sunday 8 March).
    const material = run({
      attributes: listed,
      judgements: [judge('materiality', true, '2026-03-05T15:00:00Z')],
      now: '2026-03-05T16:00:00Z',
    });
    const filing = get(material, 'us_sec_8k.regulator_report.notification');
    expect(filing.status).toBe('due');
    expect(filing.dueAt).toBe('2026-03-11T14:00:00.000Z');
    const notMaterial = run({
      attributes: listed,
      judgements: [judge('materiality', false, '2026-03-05T15:00:00Z')],
    });
    expect(get(notMaterial, 'us_sec_8k.regulator_report.notification').status).toBe('not_required');
    expect(ids(run({})).some((id) => id.startsWith('us_sec_8k.'))).toBe(false);
  });
});

describe('Asia-Pacific and the Americas', () => {
  it('Australia: waits for the serious-harm call, with the 30-day assessment limit in the reason', () => {
    const open = get(run({ byCountry: { AU: 20 } }), 'au_ndb.regulator_report.notification');
    expect(open.status).toBe('needs_judgement');
    expect(open.reason).toContain('2026-04-01T08:00:00.000Z');
    const serious = run({
      byCountry: { AU: 20 },
      judgements: [judge('serious_harm_likely', true, '2026-03-03T00:00:00Z')],
    });
    expect(get(serious, 'au_ndb.regulator_report.notification').status).toBe('due');
    expect(get(serious, 'au_ndb.regulator_report.notification').dueAt).toBeNull();
    const notSerious = run({
      byCountry: { AU: 20 },
      judgements: [judge('serious_harm_likely', false, '2026-03-03T00:00:00Z')],
    });
    expect(get(notSerious, 'au_ndb.individual_notice.notification').status).toBe('not_required');
  });

  it('Singapore: three calendar days after the assessment concludes, from 500 people or significant harm', () => {
    const waiting = get(run({ byCountry: { SG: 500 } }), 'sg_pdpa.regulator_report.notification');
    expect(waiting.status).toBe('waiting_for_event');
    expect(waiting.waitingFor).toBe('assessmentConcludedAt');
    const assessed = run({
      byCountry: { SG: 500 },
      events: { assessmentConcludedAt: '2026-05-04T09:00:00Z' },
      now: '2026-05-05T00:00:00Z',
    });
    expect(get(assessed, 'sg_pdpa.regulator_report.notification').dueAt).toBe('2026-05-07T09:00:00.000Z');
    expect(get(assessed, 'sg_pdpa.regulator_report.notification').status).toBe('due');
    // The assessment's conclusion may also be recorded as a judgement.
    const judged = run({
      byCountry: { SG: 500 },
      judgements: [judge('assessment_concluded', true, '2026-05-04T09:00:00Z')],
    });
    expect(get(judged, 'sg_pdpa.regulator_report.notification').dueAt).toBe('2026-05-07T09:00:00.000Z');

    expect(get(run({ byCountry: { SG: 499 } }), 'sg_pdpa.regulator_report.notification').status).toBe(
      'needs_judgement',
    );
    const small = run({
      byCountry: { SG: 499 },
      judgements: [judge('significant_harm', false, '2026-03-03T00:00:00Z')],
    });
    expect(get(small, 'sg_pdpa.regulator_report.notification').status).toBe('not_required');
    expect(get(assessed, 'sg_pdpa.individual_notice.notification').status).toBe('needs_judgement');
  });

  it('Brazil: three business days from knowledge, skipping Good Friday, clock running before the risk call', () => {
    const aware = judge('awareness', true, '2026-04-02T12:00:00Z');
    const open = get(
      run({ byCountry: { BR: 50 }, judgements: [aware], now: '2026-04-02T13:00:00Z' }),
      'br_lgpd.regulator_report.notification',
    );
    expect(open.status).toBe('needs_judgement');
    expect(open.dueAt).toBe('2026-04-08T12:00:00.000Z');
    const risky = run({
      byCountry: { BR: 50 },
      judgements: [aware, judge('relevant_risk', true, '2026-04-02T13:00:00Z')],
      now: '2026-04-02T13:00:00Z',
    });
    expect(get(risky, 'br_lgpd.regulator_report.notification').status).toBe('due');
    expect(get(risky, 'br_lgpd.individual_notice.notification').dueAt).toBe('2026-04-08T12:00:00.000Z');
    // 20 business days skip Good Friday, Tiradentes (21 April) and Labour Day (1 May).
    expect(get(risky, 'br_lgpd.regulator_report.supplementary').dueAt).toBe('2026-05-05T12:00:00.000Z');
  });

  it('Brazil: three business days across a weekend; not required without a sensitive category or large scale', () => {
    const aware = judge('awareness', true, '2026-03-06T15:00:00Z');
    const risk = judge('relevant_risk', true, '2026-03-06T16:00:00Z');
    const obs = run({ byCountry: { BR: 50 }, judgements: [aware, risk], now: '2026-03-06T16:00:00Z' });
    expect(get(obs, 'br_lgpd.regulator_report.notification').dueAt).toBe('2026-03-11T15:00:00.000Z');
    const mild = run({ byCountry: { BR: 50 }, categories: ['email'], judgements: [aware, risk] });
    expect(get(mild, 'br_lgpd.regulator_report.notification').status).toBe('not_required');
    expect(get(mild, 'br_lgpd.register_entry.record').status).toBe('due');
  });

  it('Japan: more than 1,000 people (1,000 is not enough without another trigger)', () => {
    const aware = judge('awareness', true, '2026-03-02T10:00:00Z');
    const at1000 = run({ byCountry: { JP: 1000 }, categories: ['email', 'name'], judgements: [aware] });
    expect(get(at1000, 'jp_appi.regulator_report.preliminary').status).toBe('not_required');
    const at1001 = run({ byCountry: { JP: 1001 }, categories: ['email', 'name'], judgements: [aware] });
    expect(get(at1001, 'jp_appi.regulator_report.preliminary').status).toBe('due');
    expect(get(at1001, 'jp_appi.regulator_report.preliminary').dueAt).toBe('2026-03-05T10:00:00.000Z');
    expect(get(at1001, 'jp_appi.regulator_report.final').dueAt).toBe('2026-04-01T10:00:00.000Z');
  });

  it('Japan: any number for card data; 60 days for the final report after an attack', () => {
    const card = run({
      byCountry: { JP: 2 },
      categories: ['payment_card'],
      judgements: [judge('awareness', true, '2026-03-02T10:00:00Z')],
    });
    expect(get(card, 'jp_appi.regulator_report.final').status).toBe('due');
    const cardOpen = get(
      run({ byCountry: { JP: 2 }, categories: ['payment_card'] }),
      'jp_appi.regulator_report.final',
    );
    expect(cardOpen.status).toBe('needs_judgement');
    expect(cardOpen.judgementsNeeded).toEqual(['awareness']);
    const attack = run({
      byCountry: { JP: 2 },
      categories: ['email'],
      judgements: [judge('improper_purpose', true, '2026-03-02T09:00:00Z')],
    });
    expect(get(attack, 'jp_appi.regulator_report.final').dueAt).toBe('2026-05-01T08:00:00.000Z');
  });

  it('Canada: report and notice on a real risk of significant harm; the record is kept either way', () => {
    const open = run({ byCountry: { CA: 4 } });
    expect(get(open, 'ca_pipeda.regulator_report.notification').status).toBe('needs_judgement');
    const no = run({
      byCountry: { CA: 4 },
      judgements: [judge('real_risk_significant_harm', false, '2026-03-03T00:00:00Z')],
    });
    expect(get(no, 'ca_pipeda.individual_notice.notification').status).toBe('not_required');
    expect(get(no, 'ca_pipeda.register_entry.record').status).toBe('due');
  });

  it('India: not in force before 13 May 2027; a 72-hour detailed report afterwards', () => {
    expect(get(run({ byCountry: { IN: 9 } }), 'in_dpdp.regulator_report.detailed').status).toBe(
      'not_required',
    );
    const later = run({
      byCountry: { IN: 9 },
      discoveredAt: '2027-06-01T00:00:00Z',
      now: '2027-06-01T01:00:00Z',
    });
    expect(get(later, 'in_dpdp.regulator_report.detailed').dueAt).toBe('2027-06-04T00:00:00.000Z');
  });
});

describe('engine behaviour', () => {
  it('lists only regimes where people live or whose attributes match', () => {
    const regimes = new Set(run({ byCountry: { DE: 3 } }).map((o) => o.regime));
    expect([...regimes]).toEqual(['eu_gdpr']);
  });

  it('waits for the head count before location rules, but still lists attribute-based ones', () => {
    const obs = run({ noAssessment: true, attributes: { listedCompany: true } });
    const gdpr = get(obs, 'eu_gdpr.regulator_report.notification');
    expect(gdpr.status).toBe('waiting_for_event');
    expect(gdpr.waitingFor).toBe('assessment');
    expect(gdpr.dueAt).toBe('2026-03-05T08:00:00.000Z');
    expect(get(obs, 'us_sec_8k.regulator_report.notification').status).toBe('needs_judgement');
  });

  it('marks an obligation done when it was completed, and individual notices when notices completed', () => {
    const obs = run({
      byCountry: { CN: 5 },
      events: {
        completed: { 'cn_pipl.regulator_report.notification': '2026-03-02T09:00:00Z' },
        noticesCompletedAt: '2026-03-02T11:00:00Z',
      },
    });
    expect(get(obs, 'cn_pipl.regulator_report.notification').status).toBe('done');
    expect(get(obs, 'cn_pipl.regulator_report.notification').completedAt).toBe('2026-03-02T09:00:00Z');
    expect(get(obs, 'cn_pipl.individual_notice.notification').status).toBe('done');
  });

  it('is deterministic: the same input gives the same output, in a stable order', () => {
    const scenario: Scenario = {
      attributes: { sector: 'health', listedCompany: true, nis2Entity: 'essential' },
      byCountry: { DE: 10, US: 1200, CN: 5, JP: 2000, BR: 3, SG: 600, AU: 1, CA: 1, GB: 2, IN: 1 },
      byRegion: { 'US-CA': 700, 'US-TX': 300, 'US-FL': 200 },
    };
    const a = run(scenario);
    expect(run(scenario)).toEqual(a);
    expect(new Set(ids(a)).size).toBe(a.length);
  });

  it('summarises: the next deadline ahead, counts by status, overdue ids and open judgements', () => {
    const obs = run({
      byCountry: { DE: 10, CN: 1_000_000 },
      judgements: [judge('awareness', true, '2026-03-02T10:00:00Z')],
      now: '2026-03-02T13:00:00Z',
    });
    const summary = summariseObligations(obs);
    expect(summary.overdue).toEqual(['cn_cac_incident.regulator_report.early_report']);
    expect(summary.nextDeadline).toMatchObject({
      id: 'eu_gdpr.regulator_report.notification',
      dueAt: '2026-03-05T10:00:00.000Z',
    });
    expect(summary.counts.overdue).toBe(1);
    expect(summary.counts.needs_judgement).toBeGreaterThan(0);
    expect(Object.values(summary.counts).reduce((a, b) => a + b, 0)).toBe(obs.length);
    expect(summary.judgementsNeeded).toContain('risk');
  });
});
