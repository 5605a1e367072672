// The incidents at a glance: what each is, where it stands, how many people, and what is due next.
import { PHASES } from '../domain/phases.js';
import { api, type Json } from './api.js';
import { deadline } from './countdowns.js';
import { nextDeadline } from './deadlines.js';
import { h, show } from './dom.js';
import { count, words } from './format.js';

function row(summary: Json, view: Json | undefined): HTMLElement {
  const due = view ? nextDeadline(view) : undefined;
  const affected = view?.assessment?.affected;
  return h(
    'tr',
    { 'data-incident': summary.id },
    h('th', { scope: 'row' }, h('a', { href: `#/incidents/${summary.id}` }, summary.title)),
    h('td', {}, h('span', { class: `phase phase-${summary.phase}` }, words(view?.phase ?? summary.phase))),
    h('td', {}, h('span', { class: `severity severity-${summary.severity}` }, summary.severity)),
    h('td', { class: 'num' }, typeof affected === 'number' ? count(affected) : '—'),
    h('td', {}, due ? [deadline(due.dueAt), h('span', { class: 'hint' }, ` ${due.what}`)] : 'nothing due'),
  );
}

async function load(tbody: HTMLElement, phase: string): Promise<void> {
  const query = new URLSearchParams({ limit: '50', ...(phase ? { phase } : {}) });
  const list = await api('GET', `/v1/incidents?${query}`);
  // The list carries no counts or deadlines; each incident's own view does.
  const views = await Promise.all(
    (list.items as Json[]).map((s) => api('GET', `/v1/incidents/${s.id}`).catch(() => undefined)),
  );
  show(
    tbody,
    list.items.length
      ? (list.items as Json[]).map((s, i) => row(s, views[i]))
      : h('tr', {}, h('td', { colspan: 5 }, 'No incident in this phase.')),
  );
}

export function incidentListView(main: HTMLElement, canOpen: boolean): void {
  const tbody = h('tbody', {}, h('tr', {}, h('td', { colspan: 5 }, 'Loading…')));
  const filter = h(
    'select',
    { id: 'phase-filter' },
    h('option', { value: '' }, 'every phase'),
    ...PHASES.map((p) => h('option', { value: p }, words(p))),
  );
  filter.addEventListener('change', () => void load(tbody, filter.value));
  show(
    main,
    h('h1', {}, 'Incidents'),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'phase-filter' }, 'Phase '),
      filter,
      canOpen ? h('a', { href: '#/open', class: 'button primary' }, 'Open an incident') : null,
    ),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { id: 'incidents' },
        h('caption', { class: 'visually-hidden' }, 'Incidents, newest first'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Title', 'Phase', 'Severity', 'Affected', 'Next deadline'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        tbody,
      ),
    ),
  );
  void load(tbody, '');
}
