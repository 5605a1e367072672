// The incident's audit log: every phase, decision, upload and import, newest last as recorded.
import { api, type Json } from './api.js';
import { h } from './dom.js';
import { when } from './format.js';

export async function auditLog(incidentId: string): Promise<HTMLElement> {
  const { items } = await api('GET', `/v1/incidents/${incidentId}/audit`);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'audit-title', id: 'audit' },
    h('h2', { id: 'audit-title' }, 'Audit log'),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h('tr', {}, ...['When', 'Who', 'What', 'Reason'].map((t) => h('th', { scope: 'col' }, t))),
        ),
        h(
          'tbody',
          {},
          ...(items as Json[]).map((a) =>
            h(
              'tr',
              {},
              h('td', {}, when(a.at)),
              h('td', {}, a.actor),
              h('td', {}, a.action),
              h('td', {}, a.reason ?? ''),
            ),
          ),
        ),
      ),
    ),
  );
}
