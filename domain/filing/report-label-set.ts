// What a language's words for a filed report must hold: one heading per field, the names of phases,
// data categories, harms and severities, and the phrases around the values.
import type { DataCategory } from '../incident.js';
import type { RiskKind } from '../notice/template.js';

/** Fields a regulator report carries; the other codes are for notices and fall back to their description. */
export type ReportFieldCode =
  | 'reporting_entity'
  | 'contact_point'
  | 'nature_of_breach'
  | 'occurred_at'
  | 'discovered_at'
  | 'aware_at'
  | 'data_categories'
  | 'people_count'
  | 'records_count'
  | 'people_by_jurisdiction'
  | 'likely_consequences'
  | 'measures_taken'
  | 'individuals_notified'
  | 'cross_border_impact'
  | 'reasons_for_delay'
  | 'suspected_malicious'
  | 'severity_and_impact'
  | 'indicators_of_compromise'
  | 'root_cause'
  | 'mitigation_applied'
  | 'what_you_can_do'
  | 'decision_and_reasons'
  | 'sample_notice'
  | 'material_impact';

export interface ReportLabels {
  /** Primary language subtag the words are written in. */
  readonly language: string;
  /** The language's own name, for the English part's note on what was not translated. */
  readonly languageName: string;
  /** {regime} */
  readonly title: string;
  readonly fields: Readonly<Record<ReportFieldCode, string>>;
  readonly phases: Readonly<Record<string, string>>;
  readonly categories: Readonly<Record<DataCategory, string>>;
  /** Third-person descriptions of the harms, for likely consequences. */
  readonly risks: Readonly<Record<RiskKind, string>>;
  readonly severities: Readonly<Record<'low' | 'medium' | 'high' | 'critical', string>>;
  readonly notified: Readonly<Record<'completed' | 'in_progress' | 'not_started' | 'not_required', string>>;
  readonly words: {
    readonly filing: string;
    readonly incident: string;
    readonly recipient: string;
    readonly phase: string;
    readonly generatedAt: string;
    readonly dueAt: string;
    readonly unknown: string;
    readonly toFollow: string;
    readonly yes: string;
    readonly no: string;
    readonly notDetermined: string;
    readonly from: string;
    readonly to: string;
    readonly people: string;
    readonly records: string;
    readonly onePerPerson: string;
    readonly byRisk: string;
    readonly riskLevels: Readonly<Record<'low' | 'medium' | 'high', string>>;
    readonly basisJudgement: string;
    readonly basisDiscovery: string;
    readonly late: string;
    readonly notLate: string;
    readonly crossBorder: string;
    readonly notCrossBorder: string;
    readonly reached: string;
    readonly unreachable: string;
    readonly sent: string;
    readonly adviceToPeople: string;
    readonly severity: string;
    readonly highRiskPeople: string;
    readonly specialCategories: string;
    readonly name: string;
    readonly email: string;
    readonly phone: string;
    readonly web: string;
    readonly sector: string;
    readonly decidedBy: string;
    /** {phase} */
    readonly changesSince: string;
    readonly before: string;
    readonly after: string;
    readonly none: string;
    readonly edited: string;
    /** {language}: shown where a text exists only in another language. */
    readonly onlyIn: string;
    readonly englishPart: string;
    readonly fontMissing: string;
    /** {language} */
    readonly noLanguage: string;
    readonly hash: string;
  };
}
