import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Search attributes hold no personal data: they are stored and indexed in clear by Temporal. */
export const IncidentPhaseAttribute = defineSearchAttributeKey('IncidentPhase', SearchAttributeType.KEYWORD);
export const IncidentSeverityAttribute = defineSearchAttributeKey(
  'IncidentSeverity',
  SearchAttributeType.KEYWORD,
);

/** What `temporal server start-dev --search-attribute` registers, as NAME=Type. */
export const SEARCH_ATTRIBUTE_FLAGS = ['IncidentPhase=Keyword', 'IncidentSeverity=Keyword'];
