// Per-channel progress of the notices, as the ledger counts them: a stacked bar and the counts in words.
import type { Json } from './api.js';
import { h } from './dom.js';
import { count } from './format.js';

const CHANNELS = [
  ['email', 'Email'],
  ['sms', 'SMS'],
  ['push', 'Push'],
] as const;
const PARTS = ['delivered', 'accepted', 'failed', 'unreachable', 'pending'] as const;

function channel(name: string, label: string, c: Json): HTMLElement {
  const n = {
    pending: c?.pending ?? 0,
    sent: c?.sent ?? 0,
    delivered: c?.delivered ?? 0,
    failed: c?.failed ?? 0,
    unreachable: c?.unreachable ?? 0,
  };
  // `sent` counts what the provider took, delivered or not; the bar shows the not-yet-delivered part apart.
  const parts = { ...n, accepted: Math.max(0, n.sent - n.delivered) };
  const total = n.pending + n.sent + n.failed + n.unreachable;
  const summary =
    `${label}: ${count(n.sent)} sent, ${count(n.delivered)} delivered, ${count(n.failed)} failed, ` +
    `${count(n.unreachable)} unreachable, ${count(n.pending)} pending`;
  const bar = h('div', { class: 'bar', role: 'img', 'aria-label': summary });
  for (const part of PARTS) {
    if (!total || !parts[part]) continue;
    const seg = h('span', { class: `seg seg-${part}` });
    seg.style.width = `${(100 * parts[part]) / total}%`;
    bar.append(seg);
  }
  const attrs = Object.fromEntries(Object.entries(n).map(([k, v]) => [`data-${k}`, v]));
  return h(
    'div',
    { class: 'channel', 'data-channel': name, ...attrs },
    h('h3', {}, label, h('span', { class: 'hint' }, ` ${count(total)} in the ledger`)),
    bar,
    h(
      'ul',
      { class: 'legend', 'aria-hidden': 'true' },
      ...(['sent', 'delivered', 'failed', 'unreachable', 'pending'] as const).map((k) =>
        h('li', {}, h('span', { class: `key seg-${k === 'sent' ? 'accepted' : k}` }), `${k} ${count(n[k])}`),
      ),
    ),
  );
}

export function noticeProgress(view: Json): HTMLElement {
  const notices = view.notices;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'progress-title', id: 'progress' },
    h('h2', { id: 'progress-title' }, 'Notices'),
    notices
      ? [
          ...CHANNELS.map(([name, label]) => channel(name, label, notices[name])),
          h('p', { id: 'unreachable' }, `People no channel reached: ${count(notices.unreachable ?? 0)}`),
          notices.possibleDuplicates
            ? h('p', {}, `Possible duplicates (a worker died mid-send): ${count(notices.possibleDuplicates)}`)
            : null,
        ]
      : h('p', {}, 'No notice counted yet.'),
  );
}
