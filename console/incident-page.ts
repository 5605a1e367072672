// One incident: where it stands, the notices' progress live, the timeline of what is owed, the
// announcement, the audit log, and the actions the signed-in role may take in this phase.
import { api, type Json } from './api.js';
import { auditLog } from './audit-log.js';
import { deadline } from './countdowns.js';
import { nextDeadline } from './deadlines.js';
import { cancelForm, judgementForm, updateForm } from './decision-forms.js';
import { h, show } from './dom.js';
import { count, when, words } from './format.js';
import { previewPanel } from './preview-panel.js';
import { noticeProgress } from './progress.js';
import { may, type Session } from './session.js';
import { timeline } from './timeline.js';
import { uploadPanel } from './upload.js';

const BEFORE_NOTICES = ['opened', 'assessing', 'awaiting_approval'];
const AFTER_NOTICES = ['notifying', 'reporting', 'monitoring'];
const POLL_MS = 2000;

function summary(view: Json): HTMLElement {
  const due = nextDeadline(view);
  const a = view.announcement;
  return h(
    'dl',
    { class: 'facts', id: 'summary' },
    h('dt', {}, 'Phase'),
    h('dd', { id: 'phase', 'data-phase': view.phase }, words(view.phase)),
    h('dt', {}, 'Severity'),
    h('dd', {}, h('span', { class: `severity severity-${view.severity}` }, view.severity)),
    h('dt', {}, 'Affected'),
    h('dd', { id: 'affected' }, count(view.assessment?.affected ?? 0)),
    h('dt', {}, 'Next deadline'),
    h('dd', {}, due ? [deadline(due.dueAt), ` (${due.what})`] : 'nothing due'),
    h('dt', {}, 'Announcement'),
    h(
      'dd',
      { id: 'announcement' },
      a?.url ? h('a', { href: a.url }, `${words(a.status)}: ${a.url}`) : a ? words(a.status) : 'none',
    ),
    h('dt', {}, 'Opened'),
    h('dd', {}, `${when(view.createdAt)} by ${view.createdBy}`),
  );
}

function actions(view: Json, session: Session, refresh: () => void): HTMLElement[] {
  const phase = view.phase as string;
  const out: HTMLElement[] = [];
  if (BEFORE_NOTICES.includes(phase) && may(session, 'responder')) out.push(uploadPanel(view.id, refresh));
  if (phase === 'awaiting_approval' && may(session, 'responder', 'approver')) {
    out.push(previewPanel(view.id, may(session, 'approver'), refresh));
  }
  if (!['closed', 'cancelled'].includes(phase) && may(session, 'approver'))
    out.push(judgementForm(view, refresh));
  if (AFTER_NOTICES.includes(phase) && may(session, 'responder')) out.push(updateForm(view, refresh));
  if (BEFORE_NOTICES.includes(phase) && may(session, 'responder', 'approver'))
    out.push(cancelForm(view, refresh));
  return out;
}

/** Shows the incident and polls it while it is on screen; returns the function that stops the polling. */
export function incidentPage(main: HTMLElement, id: string, session: Session): () => void {
  let stopped = false;
  let shownPhase: string | undefined;
  let timer: number | undefined;
  const title = h('h1', { id: 'incident-title' }, 'Incident');
  const live = h('div', { id: 'incident-live' });
  const actionArea = h('div', { id: 'actions', class: 'actions-area' });
  const audit = h('div', { id: 'audit-area' });
  show(main, h('p', {}, h('a', { href: '#/' }, '← All incidents')), title, live, actionArea, audit);

  const refresh = async () => {
    if (stopped) return;
    window.clearTimeout(timer);
    try {
      const view = await api('GET', `/v1/incidents/${id}`);
      if (stopped) return;
      title.textContent = view.facts.title;
      show(live, summary(view), noticeProgress(view), timeline(view));
      // Forms are rebuilt only when the phase changes, so nothing typed is lost to the polling.
      if (view.phase !== shownPhase) {
        shownPhase = view.phase;
        show(actionArea, ...actions(view, session, () => void refresh()));
      }
      show(audit, await auditLog(id));
    } catch (err) {
      show(live, h('p', { class: 'error', role: 'alert' }, (err as Error).message));
    }
    if (!stopped) timer = window.setTimeout(() => void refresh(), POLL_MS);
  };
  void refresh();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
