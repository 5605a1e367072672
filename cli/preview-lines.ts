// How `breach preview` prints the dry run: what approving sends, costs and takes, then what is missing.
import type { Json } from './client.js';
import { countdown, printTable } from './output.js';

const usd = (n: number) => `$${n.toFixed(2)}`;
const duration = (s: number | null) =>
  s === null
    ? 'no rate limit'
    : s < 120
      ? `${s} s`
      : s < 7200
        ? `${Math.ceil(s / 60)} min`
        : `${(s / 3600).toFixed(1)} h`;

export function printPreview(p: Json): void {
  console.log(`Preview of ${p.id} (${p.phase}): ${p.people} people, notice version ${p.noticeVersion}`);
  console.log(`Policy: ${p.policy.mode} of ${(p.policy.order as string[]).join(', ')}`);
  printTable(
    ['channel', 'sends', 'cost', 'time', 'rate/s', 'concurrency'],
    (p.channels as Json[]).map((c) => [
      c.configured ? c.channel : `${c.channel} (not configured)`,
      c.sends,
      usd(c.costUsd),
      duration(c.seconds),
      c.ratePerSecond ?? '-',
      c.concurrency,
    ]),
  );
  console.log(`Total: ${usd(p.totalCostUsd)}, about ${duration(p.estimatedSeconds)}`);
  if (p.missing.unreachable > 0)
    console.log(`Unreachable (no contact data): ${p.missing.unreachable} people`);
  if ((p.missing.judgements as string[]).length) {
    console.log(`Judgements still needed: ${(p.missing.judgements as string[]).join(', ')}`);
  }
  if ((p.obligations as Json[]).length) {
    printTable(
      ['regime', 'obligation', 'to', 'status', 'due'],
      (p.obligations as Json[]).map((o) => [
        o.regime,
        o.kind,
        o.recipient,
        o.status,
        o.dueAt ? `${o.dueAt} (${countdown(o.dueAt)})` : '-',
      ]),
    );
  }
  console.log(`Announcement: ${p.announcement.triggered ? 'yes' : 'no'}: ${p.announcement.why}`);
  for (const s of p.samples as Json[]) {
    if (s.email) console.log(`\n[${s.locale} email] ${s.email.subject}\n${s.email.text}`);
    if (s.sms)
      console.log(`\n[${s.locale} SMS, ${s.sms.segments} segment(s), ${s.sms.encoding}]\n${s.sms.text}`);
    if (s.push) console.log(`\n[${s.locale} push] ${s.push.title}\n${s.push.body}`);
  }
  console.log(`\nApprove exactly this: breach approve ${p.id} --preview-hash ${p.previewHash}`);
}
