// Obligations and filings on one timeline, soonest due first: what is owed, to whom, by when, and what came back.
import type { Json } from './api.js';
import { deadline } from './countdowns.js';
import { h } from './dom.js';
import { when, words } from './format.js';

interface Entry {
  dueAt: string | null;
  title: string;
  status: string;
  details: (string | HTMLElement)[];
}

function obligationEntry(o: Json): Entry {
  return {
    dueAt: o.dueAt,
    title: `${o.regimeName ?? o.regime}: ${words(o.kind)}${o.phase ? ` (${words(o.phase)})` : ''} to ${o.recipient}`,
    status: o.status,
    details: [
      o.deadline,
      o.judgementsNeeded?.length ? `needs: ${o.judgementsNeeded.map(words).join(', ')}` : '',
    ].filter(Boolean),
  };
}

function filingEntry(f: Json): Entry {
  const receipt = f.receipt?.reference ?? f.receipt?.confirmationNumber;
  const ack = f.acknowledgement?.reference;
  return {
    dueAt: f.dueAt,
    title: `Filing: ${f.regime} ${words(f.phase ?? '')} to ${f.recipient && f.recipient !== 'none' ? f.recipient : 'a recipient not yet known'}`,
    status: f.status,
    details: [
      f.id,
      f.submittedAt ? `submitted ${when(f.submittedAt)}` : '',
      receipt ? `receipt ${receipt}` : '',
      ack ? `acknowledged, reference ${ack}` : '',
    ].filter(Boolean),
  };
}

const FINISHED = ['done', 'not_required', 'submitted', 'acknowledged', 'cancelled'];

export function timeline(view: Json): HTMLElement {
  const entries = [
    ...((view.obligations ?? []) as Json[]).filter((o) => o.status !== 'not_required').map(obligationEntry),
    ...((view.filings ?? []) as Json[]).map(filingEntry),
  ].sort((a, b) => Date.parse(a.dueAt ?? '9999-12-31') - Date.parse(b.dueAt ?? '9999-12-31'));
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'timeline-title', id: 'timeline' },
    h('h2', { id: 'timeline-title' }, 'Obligations and filings'),
    entries.length
      ? h(
          'ol',
          { class: 'timeline' },
          ...entries.map((e) =>
            h(
              'li',
              { class: `status-${e.status}` },
              h(
                'p',
                { class: 'when' },
                e.dueAt
                  ? [when(e.dueAt), ' · ', FINISHED.includes(e.status) ? '' : deadline(e.dueAt)]
                  : 'no fixed deadline',
              ),
              h(
                'p',
                {},
                h('strong', {}, e.title),
                ' ',
                h('span', { class: `badge status-${e.status}` }, words(e.status)),
              ),
              e.details.length ? h('p', { class: 'hint' }, e.details.join(' · ')) : null,
            ),
          ),
        )
      : h('p', {}, 'No obligation worked out yet.'),
  );
}
