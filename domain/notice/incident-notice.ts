import type { DataCategory, IncidentFacts } from '../incident.js';

/**
 * The parts of a notice that come from the ledger: the incident's facts as the responder wrote them,
 * and what is known of the person. One place, so the sent notice and its web page say the same.
 */
export function noticeParts(
  facts: IncidentFacts,
  person: { name?: string | null; dataCategories?: readonly DataCategory[] | null } | undefined,
) {
  return {
    incident: {
      title: facts.title,
      description: facts.description,
      discoveredAt: facts.discoveredAt,
      occurredFrom: facts.occurredFrom,
      occurredTo: facts.occurredTo,
      dataCategories: facts.dataCategories,
      measuresTaken: facts.measuresTaken,
      userActions: facts.userActions,
      contact: facts.contact,
    },
    person: {
      ...(person?.name ? { name: person.name } : {}),
      ...(person?.dataCategories?.length ? { dataCategories: [...person.dataCategories] } : {}),
    },
  };
}
