// What a regulator key sees: the filings addressed to its recipient, and nothing of the incidents.
import { api, type Json } from './api.js';
import { h, show } from './dom.js';
import { when, words } from './format.js';

export async function regulatorFilingsView(main: HTMLElement, recipient: string | undefined): Promise<void> {
  show(main, h('h1', {}, 'Filings'), h('p', {}, 'Loading…'));
  const { items } = await api('GET', '/v1/filings?limit=100');
  const head = [
    'Filing',
    'Incident',
    'Regime',
    'Phase',
    'Status',
    'Due',
    'Submitted',
    'Receipt',
    'Acknowledged',
  ];
  show(
    main,
    h('h1', {}, 'Filings'),
    h('p', {}, `Filings addressed to ${recipient ?? 'you'}, newest first.`),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { id: 'filings' },
        h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          {},
          (items as Json[]).length
            ? (items as Json[]).map((f) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, f.id),
                  h('td', {}, f.incidentId),
                  h('td', {}, f.regime),
                  h('td', {}, words(f.phase ?? '')),
                  h('td', {}, words(f.status)),
                  h('td', {}, when(f.dueAt)),
                  h('td', {}, when(f.submittedAt)),
                  h('td', {}, f.receipt?.reference ?? ''),
                  h('td', {}, f.acknowledgement?.reference ?? ''),
                ),
              )
            : h('tr', {}, h('td', { colspan: head.length }, 'No filing yet.')),
        ),
      ),
    ),
  );
}
