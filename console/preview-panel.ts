// The dry run before approval: what approving sends, costs and takes, what is still missing, sample
// notices; approving from here carries the preview's hash, so the approver approves exactly what they saw.
import { api, ApiError, type Json } from './api.js';
import { confirmAction } from './confirm.js';
import { h, show, announce } from './dom.js';
import { count, duration, people, usd, when, words } from './format.js';

const NOUNS: Record<string, [string, string]> = {
  email: ['email', 'emails'],
  sms: ['SMS', 'SMS'],
  push: ['push notification', 'push notifications'],
};

/** "2 emails, 1 SMS and 3 push notifications". */
export function sendsInWords(channels: Json[]): string {
  const parts = channels
    .filter((c) => c.sends > 0)
    .map((c) => `${count(c.sends)} ${NOUNS[c.channel]![c.sends === 1 ? 0 : 1]}`);
  if (parts.length === 0) return 'no notice';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export function approvalConsequences(p: Json): string[] {
  const lines = [
    `This sends ${sendsInWords(p.channels)} to ${people(p.people)} (notice version ${p.noticeVersion}), ` +
      `estimated cost ${usd(p.totalCostUsd)}, taking about ${duration(p.estimatedSeconds)}.`,
  ];
  if (p.missing.unreachable > 0)
    lines.push(`${people(p.missing.unreachable)} without contact data get no notice.`);
  if (p.announcement.triggered)
    lines.push(`A public announcement is approved with the notices: ${p.announcement.why}`);
  const filings = (p.obligations as Json[]).filter((o) => o.kind === 'regulator_report').length;
  if (filings) lines.push(`${count(filings)} regulator filing(s) start with the notices.`);
  lines.push('Sent notices cannot be recalled.');
  return lines;
}

function channelsTable(p: Json): HTMLElement {
  return h(
    'table',
    { id: 'preview-channels' },
    h('caption', {}, `Planned sends (${words(p.policy.mode)} of ${(p.policy.order as string[]).join(', ')})`),
    h(
      'thead',
      {},
      h('tr', {}, ...['Channel', 'Sends', 'Cost', 'Time'].map((t) => h('th', { scope: 'col' }, t))),
    ),
    h(
      'tbody',
      {},
      ...(p.channels as Json[]).map((c) =>
        h(
          'tr',
          { 'data-channel': c.channel, 'data-sends': c.sends },
          h('th', { scope: 'row' }, c.configured ? c.channel : `${c.channel} (not configured)`),
          h('td', { class: 'num' }, count(c.sends)),
          h('td', { class: 'num' }, usd(c.costUsd)),
          h('td', {}, duration(c.seconds)),
        ),
      ),
    ),
  );
}

function samples(p: Json): HTMLElement {
  return h(
    'details',
    {},
    h('summary', {}, 'Sample notices (a made-up person)'),
    ...(p.samples as Json[]).flatMap((s) => [
      s.email
        ? h('div', {}, h('h4', {}, `${s.locale} email: ${s.email.subject}`), h('pre', {}, s.email.text))
        : null,
      s.sms
        ? h(
            'div',
            {},
            h('h4', {}, `${s.locale} SMS, ${s.sms.segments} segment(s), ${s.sms.encoding}`),
            h('pre', {}, s.sms.text),
          )
        : null,
      s.push
        ? h('div', {}, h('h4', {}, `${s.locale} push: ${s.push.title}`), h('pre', {}, s.push.body))
        : null,
    ]),
  );
}

function previewView(p: Json, approve: HTMLElement | null): HTMLElement[] {
  return [
    h(
      'p',
      { id: 'preview-people' },
      `${people(p.people)}; total ${usd(p.totalCostUsd)}, about ${duration(p.estimatedSeconds)}.`,
    ),
    channelsTable(p),
    p.missing.unreachable ? h('p', {}, `No contact data: ${people(p.missing.unreachable)}`) : null,
    p.missing.judgements.length
      ? h('p', {}, `Judgements still needed: ${p.missing.judgements.map(words).join(', ')}`)
      : null,
    h(
      'ul',
      {},
      ...(p.obligations as Json[]).map((o) =>
        h(
          'li',
          {},
          `${o.regime} ${words(o.kind)} to ${o.recipient}: ${words(o.status)}, due ${when(o.dueAt)}`,
        ),
      ),
    ),
    h('p', {}, `Announcement: ${p.announcement.triggered ? 'yes' : 'no'}, ${p.announcement.why}`),
    samples(p),
    approve,
  ].filter((x): x is HTMLElement => x !== null);
}

async function approveSeen(
  incidentId: string,
  p: Json,
  status: HTMLElement,
  done: () => void,
): Promise<void> {
  if (!(await confirmAction('Approve the notices?', approvalConsequences(p), 'Approve and send'))) return;
  try {
    await api('POST', `/v1/incidents/${incidentId}/approve`, { previewHash: p.previewHash });
    announce('Approved: the notices are going out');
    done();
  } catch (err) {
    const stale = err instanceof ApiError && err.code === 'preview_stale';
    show(
      status,
      h(
        'p',
        { class: 'error', role: 'alert' },
        stale ? 'The affected people changed since this preview: preview again.' : (err as Error).message,
      ),
    );
  }
}

/** The preview panel: a button that loads the dry run; an approver gets the approve button under it. */
export function previewPanel(incidentId: string, canApprove: boolean, done: () => void): HTMLElement {
  const body = h('div', { id: 'preview' });
  const load = async () => {
    show(body, 'Working out the preview…');
    try {
      const p = await api('GET', `/v1/incidents/${incidentId}/preview`);
      const approve = canApprove
        ? h('button', { type: 'button', class: 'primary', id: 'approve' }, 'Approve…')
        : h('p', { class: 'hint' }, 'An approver approves these notices.');
      approve.addEventListener('click', () => void approveSeen(incidentId, p, body, done));
      show(body, ...previewView(p, approve));
    } catch (err) {
      show(body, h('p', { class: 'error', role: 'alert' }, (err as Error).message));
    }
  };
  const button = h('button', { type: 'button', id: 'show-preview' }, 'Preview the notices');
  button.addEventListener('click', () => void load());
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'preview-title' },
    h('h2', { id: 'preview-title' }, 'Preview before approval'),
    button,
    body,
  );
}
