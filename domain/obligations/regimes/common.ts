// What several regimes share: the clock that starts at awareness (discovery until it is recorded), and the
// fields of a plain regulator report and of a plain notice to people. A regime that asks for more lists its own.

export const awarenessClock = { from: 'judgement', kind: 'awareness', fallback: 'discovery' } as const;

/** The fields a regulator report carries where the law lists the usual ones. */
export const REPORT_FIELDS = [
  'reporting_entity',
  'contact_point',
  'nature_of_breach',
  'data_categories',
  'people_count',
  'likely_consequences',
  'measures_taken',
] as const;

/** The fields a notice to people carries where the law lists the usual ones. */
export const NOTICE_FIELDS = [
  'what_happened',
  'what_information',
  'likely_consequences',
  'what_we_are_doing',
  'what_you_can_do',
  'contact_point',
] as const;
