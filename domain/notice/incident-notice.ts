import type { DataCategory, IncidentFacts } from '../incident.js';

type Person = { name?: string | null; dataCategories?: readonly DataCategory[] | null } | undefined;

/**
 * The parts of a notice that come from the ledger: the incident's facts as the responder wrote them,
 * and what is known of the person. One place, so the sent notice and its web page say the same.
 */
export function noticeParts(facts: IncidentFacts, person: Person) {
  return { incident: noticeIncident(facts), person: noticePerson(person) };
}

/** The incident's side of every notice about it. */
export function noticeIncident(facts: IncidentFacts) {
  return {
    title: facts.title,
    description: facts.description,
    discoveredAt: facts.discoveredAt,
    occurredFrom: facts.occurredFrom,
    occurredTo: facts.occurredTo,
    dataCategories: facts.dataCategories,
    measuresTaken: facts.measuresTaken,
    userActions: facts.userActions,
    contact: facts.contact,
    ...(facts.translations ? { translations: facts.translations } : {}),
  };
}

/** What is known of the person: their name and their own data categories, where given. */
export function noticePerson(person: Person) {
  return {
    ...(person?.name ? { name: person.name } : {}),
    ...(person?.dataCategories?.length ? { dataCategories: [...person.dataCategories] } : {}),
  };
}
