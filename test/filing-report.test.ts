import { describe, expect, it } from 'vitest';
import {
  buildFilingReport,
  FilingReportIncomplete,
  regimeReportSchema,
  type FilingReport,
} from '../domain/filing/report.js';
import {
  counts,
  incidentFacts,
  judged,
  notices,
  obligation,
  recipient,
  reportInput,
} from './support/filing-fixtures.js';

/** The sections as plain JSON, to reach into without a type per section. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (v: unknown): any => JSON.parse(JSON.stringify(v));

const people = counts({ DE: 120, FR: 30, CN: 50 });

describe('GDPR report to a German authority', () => {
  const facts = incidentFacts({
    translations: {
      de: { title: 'Kundendatenbank kopiert', description: 'Ein Angreifer kopierte die Datenbank.' },
    },
  });
  const judgements = [judged('risk'), judged('awareness')];
  const o = obligation('eu_gdpr.regulator_report.notification', facts, people, judgements);
  const report = buildFilingReport(
    reportInput({ obligation: o, facts, assessment: people, judgements, notices: notices(200) }),
  );

  it('holds every field the GDPR form asks for, filled from the incident, the counts and the judgements', () => {
    expect(report.schema).toBe('eu_gdpr.regulator_report.notification/1');
    expect(Object.keys(report.sections)).toEqual(o.fields);
    const s = loose(report.sections);
    expect(s.nature_of_breach.title).toEqual({
      de: 'Kundendatenbank kopiert',
      en: 'Customer database copied',
    });
    expect(s.people_count.approximate).toBe(200);
    expect(s.people_by_jurisdiction.byCountry).toEqual({ DE: 120, FR: 30, CN: 50 });
    expect(s.cross_border_impact).toMatchObject({ countries: ['CN', 'DE', 'FR'], crossBorder: true });
    expect(s.aware_at).toEqual({
      at: '2026-11-20T08:30:00Z',
      basis: 'judgement',
      decidedBy: 'officer@example.com',
    });
    expect(s.likely_consequences.risks).toEqual(['accountTakeover', 'phishing']);
    expect(s.likely_consequences.text.de).toContain('Kontoübernahme');
    expect(s.individuals_notified).toMatchObject({ state: 'completed', reached: 200 });
    expect(s.data_categories.highRisk).toEqual(['password']);
    // Not translated into German: the English original only, never English words under a German key.
    expect(s.measures_taken.taken).toEqual({ en: facts.measuresTaken });
    expect(report.changes).toEqual([]);
  });

  it('passes the regime schema a regulator would validate it with', () => {
    expect(regimeReportSchema('eu_gdpr', 'notification').safeParse(report).success).toBe(true);
    const broken = structuredClone(report) as FilingReport;
    delete broken.sections.people_count;
    const result = regimeReportSchema('eu_gdpr', 'notification').safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['sections', 'people_count']);
  });

  it('refuses to build without the counts, naming the field', () => {
    expect(() => buildFilingReport(reportInput({ obligation: o, facts, judgements }))).toThrow(
      /people_count: the affected people have not been counted/,
    );
  });
});

describe('a late GDPR report', () => {
  const facts = incidentFacts();
  const judgements = [judged('risk'), judged('awareness')];
  const late = '2026-11-24T12:00:00Z';
  const o = obligation('eu_gdpr.regulator_report.notification', facts, people, judgements, late);

  it('requires reasons_for_delay and names it when they are missing', () => {
    expect(o.status).toBe('overdue');
    let error: unknown;
    try {
      buildFilingReport(
        reportInput({ obligation: o, facts, assessment: people, judgements, generatedAt: late }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilingReportIncomplete);
    expect((error as FilingReportIncomplete).fields).toEqual(['reasons_for_delay']);
    expect((error as Error).message).toMatch(/reasons_for_delay.*reasons for the delay/);
  });

  it('carries the reasons given, in the responder language', () => {
    const report = buildFilingReport(
      reportInput({
        obligation: o,
        facts,
        assessment: people,
        judgements,
        generatedAt: late,
        delayReasons: 'The forensic firm confirmed the scope only on 24 November.',
      }),
    );
    expect(report.sections.reasons_for_delay).toEqual({
      late: true,
      dueAt: o.dueAt,
      reasons: { en: 'The forensic firm confirmed the scope only on 24 November.' },
    });
  });
});

describe('PIPL report to the CAC', () => {
  it('is written in Chinese and English from the incident translation', () => {
    const facts = incidentFacts({
      translations: {
        'zh-CN': {
          title: '客户数据库被复制',
          description: '攻击者使用被盗的管理员密码复制了客户数据库。',
          measuresTaken: '我们重置了所有密码。',
        },
      },
    });
    const cn = counts({ CN: 500 });
    const o = obligation('cn_pipl.regulator_report.notification', facts, cn, []);
    const report = buildFilingReport(
      reportInput({
        obligation: o,
        facts,
        assessment: cn,
        recipient: recipient({ id: 'cn-cac', regime: 'cn_pipl', territory: 'CN', language: 'zh-CN' }),
      }),
    );
    const s = loose(report.sections);
    expect(report.language).toBe('zh-CN');
    expect(s.nature_of_breach.title['zh-CN']).toBe('客户数据库被复制');
    expect(s.measures_taken.taken).toEqual({ 'zh-CN': '我们重置了所有密码。', en: facts.measuresTaken });
    expect(s.likely_consequences.text['zh-CN']).toContain('账户被盗');
    expect(Object.keys(s)).toEqual(o.fields);
  });
});

describe('NIS2 phases', () => {
  const facts = incidentFacts({ attributes: { nis2Entity: 'essential' } });
  const judgements = [judged('significant_incident'), judged('awareness'), judged('improper_purpose')];
  const ids = ['early_warning', 'notification', 'final'].map((p) => `eu_nis2.regulator_report.${p}`);
  const r = recipient({ id: 'de-bsi', regime: 'eu_nis2', language: 'de' });

  function phase(i: number, earlier: FilingReport[], over: Partial<Parameters<typeof reportInput>[0]> = {}) {
    const o = obligation(ids[i]!, facts, people, judgements);
    return buildFilingReport(
      reportInput({ obligation: o, recipient: r, facts, assessment: people, judgements, earlier, ...over }),
    );
  }

  it('carries the earlier facts and says what changed since the latest earlier phase', () => {
    const warning = phase(0, [], { edits: { nature_of_breach: 'Erste Einschätzung: Datenbank kopiert.' } });
    expect(Object.keys(warning.sections)).toEqual([
      'reporting_entity',
      'contact_point',
      'nature_of_breach',
      'suspected_malicious',
      'cross_border_impact',
    ]);
    expect(warning.sections.suspected_malicious).toMatchObject({ suspected: true });
    expect(warning.edited).toEqual(['nature_of_breach']);

    const more = counts({ DE: 150, FR: 30, CN: 50 });
    const notification = phase(1, [warning], {
      assessment: more,
      edits: { indicators_of_compromise: 'Logins from 203.0.113.7' },
    });
    expect(notification.changedSince).toBe('early_warning');
    // The approver's words stand until edited again.
    expect(notification.sections.nature_of_breach).toEqual(warning.sections.nature_of_breach);
    expect(notification.changes.map((c) => c.field)).toEqual([
      'severity_and_impact',
      'indicators_of_compromise',
    ]);
    expect(notification.changes[0]).toMatchObject({ before: null, after: { peopleAffected: 230 } });

    const supplemented = {
      ...facts,
      measuresTaken: 'All passwords reset; the firewall now blocks the attacker.',
    };
    const final = phase(2, [warning, notification], { facts: supplemented, assessment: more });
    for (const key of [...Object.keys(warning.sections), ...Object.keys(notification.sections)]) {
      expect(final.sections).toHaveProperty(key);
    }
    expect(final.sections.indicators_of_compromise).toEqual({ text: { de: 'Logins from 203.0.113.7' } });
    expect(final.changedSince).toBe('notification');
    const changed = Object.fromEntries(final.changes.map((c) => [c.field, c]));
    expect(Object.keys(changed).sort()).toEqual(['mitigation_applied', 'root_cause']);
    expect(changed.mitigation_applied!.after).toEqual({ text: { en: supplemented.measuresTaken } });
  });

  it('takes an edit in the report language and, apart, in English', () => {
    const report = phase(0, [], {
      edits: {
        'nature_of_breach.en': 'Database copied with a stolen password.',
        nature_of_breach: 'Datenbank mit gestohlenem Passwort kopiert.',
      },
    });
    expect(loose(report.sections).nature_of_breach.description).toEqual({
      de: 'Datenbank mit gestohlenem Passwort kopiert.',
      en: 'Database copied with a stolen password.',
    });
    expect(loose(report.sections).nature_of_breach.title.en).toBe(facts.title);
  });

  it('refuses edits of fields that are not free text, or not in the report', () => {
    expect(() => phase(0, [], { edits: { people_count: '5' } })).toThrow(
      /edit "people_count": not a free-text field/,
    );
    expect(() => phase(0, [], { edits: { root_cause: 'x' } })).toThrow(/edit "root_cause"/);
  });
});
