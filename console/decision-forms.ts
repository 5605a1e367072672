// Cancel, record a judgement, send an update: each a small form whose confirmation says what happens.
import {
  JUDGEMENT_KINDS,
  JudgementRequest,
  MOMENT_KINDS,
  type JudgementKind,
} from '../domain/obligations/judgement.js';
import { api, ApiError, type Json } from './api.js';
import { confirmAction } from './confirm.js';
import { h, announce } from './dom.js';
import { field, showIssues, valueOf, zodIssues, type FieldOptions } from './fields.js';
import { people, words } from './format.js';

type Done = () => void;

/** Several of these forms share a page: their fields' ids carry the form's. */
const inForm = (scope: string, o: FieldOptions) => field({ ...o, scope });

function form(id: string, title: string, submitLabel: string, ...fields: HTMLElement[]): HTMLFormElement {
  return h(
    'form',
    { novalidate: true, id, 'data-scope': id, 'aria-labelledby': `${id}-title`, class: 'panel' },
    h('h2', { id: `${id}-title` }, title),
    h('p', { class: 'form-error', role: 'alert', tabindex: -1 }),
    ...fields,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, submitLabel)),
  );
}

/** Sends after confirmation; the API's 400 issues land next to their fields. */
async function act(f: HTMLFormElement, path: string, body: unknown, done: Done, said: string): Promise<void> {
  try {
    await api('POST', path, body);
    f.reset();
    showIssues(f, []);
    announce(said);
    done();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    showIssues(f, err.issues.length ? err.issues : [{ path: '', message: err.message }]);
  }
}

export function cancelForm(view: Json, done: Done): HTMLFormElement {
  const f = form(
    'cancel',
    'Cancel the incident',
    'Cancel incident…',
    inForm('cancel', { label: 'Reason', name: 'reason', kind: 'textarea', required: true }),
  );
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const reason = valueOf(f, 'reason');
    if (reason.length < 3)
      return showIssues(f, [{ path: 'reason', message: 'give a reason of at least 3 characters' }]);
    void confirmAction(
      'Cancel this incident?',
      [
        `This cancels “${view.facts.title}”: no notice is sent to its ${people(view.assessment?.affected ?? 0)} and the reason “${reason}” goes into the audit log. It cannot be undone.`,
      ],
      'Cancel the incident',
    ).then((yes) =>
      yes ? act(f, `/v1/incidents/${view.id}/cancel`, { reason }, done, 'Incident cancelled') : undefined,
    );
  });
  return f;
}

export function judgementForm(view: Json, done: Done): HTMLFormElement {
  const kinds = Object.keys(JUDGEMENT_KINDS) as JudgementKind[];
  const f = form(
    'judge',
    'Record a judgement',
    'Record judgement…',
    inForm('judge', { label: 'Judgement', name: 'kind', kind: 'select', options: kinds, value: 'risk' }),
    inForm('judge', {
      label: 'Finding',
      name: 'value',
      kind: 'select',
      options: ['yes', 'no'],
      value: 'yes',
      hint: 'Moments (awareness, assessment concluded) are always yes',
    }),
    inForm('judge', { label: 'Reason', name: 'reason', kind: 'textarea', required: true }),
    inForm('judge', {
      label: 'Effective at',
      name: 'effectiveAt',
      hint: 'Optional, ISO 8601, e.g. 2026-11-20T08:30:00Z',
    }),
    inForm('judge', { label: 'Only for regime', name: 'regime', hint: 'Optional, e.g. eu_gdpr' }),
  );
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const kind = valueOf(f, 'kind') as JudgementKind;
    const body = {
      kind,
      value: valueOf(f, 'value') === 'yes',
      reason: valueOf(f, 'reason'),
      effectiveAt: valueOf(f, 'effectiveAt') || undefined,
      regime: valueOf(f, 'regime') || undefined,
    };
    const parsed = JudgementRequest.safeParse(body);
    if (!parsed.success) return showIssues(f, zodIssues(parsed.error.issues));
    const finding = MOMENT_KINDS.includes(kind)
      ? `at ${body.effectiveAt ?? 'now'}`
      : body.value
        ? 'yes'
        : 'no';
    void confirmAction(
      'Record this judgement?',
      [
        `This records, signed with your key, “${words(kind)}: ${finding}”${body.regime ? ` for ${body.regime}` : ' for every regime'}: ${JUDGEMENT_KINDS[kind]}`,
        'The obligations are worked out again from it; deadlines may start or change.',
      ],
      'Record judgement',
    ).then((yes) =>
      yes ? act(f, `/v1/incidents/${view.id}/judgements`, body, done, 'Judgement recorded') : undefined,
    );
  });
  return f;
}

export function updateForm(view: Json, done: Done): HTMLFormElement {
  const f = form(
    'update',
    'Send an update',
    'Send update…',
    inForm('update', { label: 'What happened (new text)', name: 'description', kind: 'textarea' }),
    inForm('update', { label: 'Measures taken (new text)', name: 'measuresTaken', kind: 'textarea' }),
    inForm('update', { label: 'Note for the audit log', name: 'note', required: true }),
  );
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {
      description: valueOf(f, 'description') || undefined,
      measuresTaken: valueOf(f, 'measuresTaken') || undefined,
      note: valueOf(f, 'note'),
    };
    // As the workflow numbers them: one after the last supplement, the first notice being version 1.
    const next = (((view.supplements as Json[] | undefined)?.at(-1)?.version as number | undefined) ?? 1) + 1;
    const reached = (view.assessment?.affected ?? 0) - (view.notices?.unreachable ?? 0);
    void confirmAction(
      'Send an update?',
      [
        `This sends notice version ${next} with the new facts to the ${people(Math.max(0, reached))} the first notice reached, on the same channels.`,
      ],
      'Send the update',
    ).then((yes) =>
      yes ? act(f, `/v1/incidents/${view.id}/updates`, body, done, 'Update on its way') : undefined,
    );
  });
  return f;
}
