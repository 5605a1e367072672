/**
 * Content a report or notice must carry, as stable codes: the filing and notice templates key on them. A rule
 * lists the codes its regime asks for; the descriptions feed forms and the README.
 */
export const FIELDS = {
  reporting_entity: 'Name and details of the reporting organisation',
  contact_point: 'Contact point for more information (DPO or other)',
  nature_of_breach: 'Nature and description of the breach',
  occurred_at: 'When the breach occurred (or the period)',
  discovered_at: 'When the breach was discovered',
  aware_at: 'When the organisation became aware / determined the breach',
  data_categories: 'Categories of personal data concerned',
  people_count: 'Approximate number of people concerned',
  records_count: 'Approximate number of records concerned',
  people_by_jurisdiction: 'Number of people per country or state',
  likely_consequences: 'Likely consequences for the people',
  measures_taken: 'Measures taken or proposed to address the breach and mitigate its effects',
  individuals_notified: 'Whether, when and how individuals were or will be notified',
  cross_border_impact: 'Cross-border impact',
  suspected_malicious: 'Whether the incident is suspected to be caused by unlawful or malicious acts',
  indicators_of_compromise: 'Indicators of compromise',
  severity_and_impact: 'Initial assessment of severity and impact',
  root_cause: 'Type of threat or root cause',
  mitigation_applied: 'Applied and ongoing mitigation measures',
  reasons_for_delay: 'Reasons for filing after the deadline',
  law_enforcement: 'Law-enforcement involvement or requested delay',
  material_impact: 'Material aspects of nature, scope and timing, and the material or likely material impact',
  what_happened: 'What happened',
  what_information: 'What information was involved',
  what_we_are_doing: 'What we are doing',
  what_you_can_do: 'What you can do (steps people can take)',
  more_information: 'For more information (contact details)',
  offered_services: 'Services offered (credit monitoring, identity protection)',
  right_to_complain: 'Right to complain to the regulator',
  toll_free_number: 'Toll-free number where people can learn whether they were affected',
  credit_bureau_contacts: 'Contact details of the major credit reporting agencies',
  regulator_contacts: 'Contact details of the regulator (FTC, Attorney General)',
  sample_notice: 'A sample copy of the notice sent to people',
  check_if_affected: 'A way for a person to check whether they were affected',
  posting_period: 'How long the notice stays posted',
  decision_and_reasons: 'Decisions taken and their reasons (notified or not)',
  language_plain: 'In plain language and in the language of the people',
} as const;

export type FieldCode = keyof typeof FIELDS;
export const FIELD_CODES = Object.keys(FIELDS) as [FieldCode, ...FieldCode[]];
