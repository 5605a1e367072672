// An incident as a responder reads it in a terminal: where it stands, what went out, what is due when.
import { NOTICE_CHANNELS } from '../domain/fallback.js';
import type { Json } from './client.js';
import { countdown, printTable } from './output.js';

/** Phases in which the notices are still to go or going out. */
export function noticesUnderWay(phase: string): boolean {
  return ['opened', 'assessing', 'awaiting_approval', 'notifying'].includes(phase);
}

export function printIncident(view: Json): void {
  const a = view.assessment;
  printTable(
    ['incident', 'phase', 'severity', 'affected', 'title'],
    [[view.id, view.phase, view.severity, a?.affected ?? '-', view.facts?.title ?? '']],
  );
  if (view.notices) printNotices(view);
  printObligations(view.obligations ?? []);
  if (Array.isArray(view.filings) && view.filings.length > 0) printFilings(view.filings);
}

export function printNotices(view: Json): void {
  const n = view.notices;
  printTable(
    ['channel', 'pending', 'sent', 'delivered', 'failed'],
    NOTICE_CHANNELS.map((c) => [
      c,
      n[c]?.pending ?? 0,
      n[c]?.sent ?? 0,
      n[c]?.delivered ?? 0,
      n[c]?.failed ?? 0,
    ]),
  );
  console.log(`unreachable: ${n.unreachable ?? 0}`);
}

/** What is still owed, soonest first, with the time left. */
export function printObligations(obligations: Json[], now = Date.now()): void {
  const open = obligations
    .filter((o) => o.status !== 'not_required' && o.status !== 'done')
    .sort((x, y) => Date.parse(x.dueAt ?? '9999') - Date.parse(y.dueAt ?? '9999'));
  if (open.length === 0) {
    console.log('No open obligations.');
    return;
  }
  printTable(
    ['regime', 'kind', 'phase', 'status', 'due', 'left'],
    open.map((o) => [
      o.regime,
      o.kind,
      o.phase ?? '',
      o.status,
      o.dueAt ?? 'no fixed deadline',
      o.dueAt ? countdown(o.dueAt, now) : '',
    ]),
  );
}

export function printFilings(filings: Json[]): void {
  printTable(
    ['filing', 'regime', 'phase', 'status', 'due', 'submitted', 'receipt'],
    filings.map((f) => [
      f.id,
      f.regime,
      f.phase,
      f.status,
      f.dueAt ?? '',
      f.submittedAt ?? '',
      f.receipt?.reference ?? '',
    ]),
  );
}
