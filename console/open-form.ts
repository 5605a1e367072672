// Opening an incident: the form is checked with the API's own schema (domain/incident.ts) before it is sent.
import { DATA_CATEGORIES, OpenIncidentRequest, SEVERITIES } from '../domain/incident.js';
import { api, ApiError } from './api.js';
import { h, show } from './dom.js';
import { checkedValues, field, showIssues, valueOf, zodIssues } from './fields.js';
import { words } from './format.js';

function categories(): HTMLElement {
  return h(
    'fieldset',
    { class: 'field', 'aria-describedby': 'err-dataCategories' },
    h('legend', {}, 'Data exposed', h('span', { class: 'req' }, ' (required)')),
    h(
      'div',
      { class: 'checks' },
      ...DATA_CATEGORIES.map((c) =>
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', name: 'dataCategories', value: c }),
          ` ${words(c)}`,
        ),
      ),
    ),
    h('p', { class: 'error', id: 'err-dataCategories' }),
  );
}

/** What the form says, in the request's shape; empty optional fields are left out. */
function request(form: HTMLFormElement): Record<string, unknown> {
  const optional = (name: string) => valueOf(form, name) || undefined;
  return {
    title: valueOf(form, 'title'),
    description: valueOf(form, 'description'),
    discoveredAt: valueOf(form, 'discoveredAt'),
    occurredFrom: optional('occurredFrom'),
    occurredTo: optional('occurredTo'),
    dataCategories: checkedValues(form, 'dataCategories'),
    severity: valueOf(form, 'severity'),
    measuresTaken: valueOf(form, 'measuresTaken'),
    userActions: valueOf(form, 'userActions')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    contact: {
      name: valueOf(form, 'contact.name'),
      email: valueOf(form, 'contact.email'),
      phone: optional('contact.phone'),
      url: optional('contact.url'),
    },
    externalId: optional('externalId'),
  };
}

const ISO = 'ISO 8601 with a time zone, e.g. 2026-11-20T08:30:00Z';

export function openIncidentView(main: HTMLElement, opened: (id: string) => void): void {
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'open-title' },
    h('p', { class: 'form-error', role: 'alert', tabindex: -1 }),
    field({ label: 'Title', name: 'title', required: true }),
    field({ label: 'What happened', name: 'description', kind: 'textarea', required: true }),
    field({
      label: 'Discovered at',
      name: 'discoveredAt',
      hint: ISO,
      value: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      required: true,
    }),
    field({ label: 'Occurred from', name: 'occurredFrom', hint: ISO }),
    field({ label: 'Occurred until', name: 'occurredTo', hint: ISO }),
    categories(),
    field({ label: 'Severity', name: 'severity', kind: 'select', options: SEVERITIES, value: 'high' }),
    field({ label: 'Measures taken', name: 'measuresTaken', kind: 'textarea', required: true }),
    field({
      label: 'What people should do',
      name: 'userActions',
      kind: 'textarea',
      hint: 'One action a line',
    }),
    field({ label: 'Contact name', name: 'contact.name', required: true }),
    field({ label: 'Contact email', name: 'contact.email', type: 'email', required: true }),
    field({ label: 'Contact phone', name: 'contact.phone', type: 'tel' }),
    field({ label: 'Contact web page', name: 'contact.url', type: 'url' }),
    field({ label: 'Your own reference', name: 'externalId', hint: 'Makes opening idempotent' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Open incident')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(form, opened);
  });
  show(main, h('h1', { id: 'open-title' }, 'Open an incident'), form);
}

async function submit(form: HTMLFormElement, opened: (id: string) => void): Promise<void> {
  const parsed = OpenIncidentRequest.safeParse(request(form));
  if (!parsed.success) return showIssues(form, zodIssues(parsed.error.issues));
  showIssues(form, []);
  try {
    const answer = await api('POST', '/v1/incidents', request(form));
    opened(answer.id as string);
  } catch (err) {
    if (err instanceof ApiError)
      showIssues(form, err.issues.length ? err.issues : [{ path: '', message: err.message }]);
    else throw err;
  }
}
