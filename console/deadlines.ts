// The next deadline of an incident: the soonest obligation or filing still open.
import type { Json } from './api.js';
import { words } from './format.js';

const CLOSED = ['done', 'not_required', 'submitted', 'acknowledged', 'cancelled'];

export interface Due {
  dueAt: string;
  what: string;
}

export function openDeadlines(view: Json): Due[] {
  const obligations = ((view.obligations ?? []) as Json[])
    .filter((o) => o.dueAt && !CLOSED.includes(o.status))
    .map((o) => ({ dueAt: o.dueAt as string, what: `${o.regimeName ?? o.regime}: ${words(o.kind)}` }));
  return obligations.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

export function nextDeadline(view: Json): Due | undefined {
  return openDeadlines(view)[0];
}
