import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Search attributes hold no personal data: they are stored and indexed in clear by Temporal. */
export const IncidentPhaseAttribute = defineSearchAttributeKey('IncidentPhase', SearchAttributeType.KEYWORD);
export const IncidentSeverityAttribute = defineSearchAttributeKey(
  'IncidentSeverity',
  SearchAttributeType.KEYWORD,
);

/** Every search attribute the service sets: a namespace must know them before an incident opens. */
export const INCIDENT_SEARCH_ATTRIBUTES = [IncidentPhaseAttribute, IncidentSeverityAttribute];

/** A type as the `temporal` CLI names it: `KEYWORD` → `Keyword`. */
export function cliTypeName(type: string): string {
  return `${type.charAt(0)}${type.slice(1).toLowerCase()}`;
}

/** What `temporal server start-dev --search-attribute` registers, as NAME=Type (`IncidentPhase=Keyword`). */
export const SEARCH_ATTRIBUTE_FLAGS = INCIDENT_SEARCH_ATTRIBUTES.map(
  ({ name, type }) => `${name}=${cliTypeName(type)}`,
);
