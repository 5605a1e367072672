// Reminders of a filing's deadline to the incident's contact, by email through the notice email
// channel's settings. Each reminder is sent once per key; its Message-ID is derived from the key, so
// the rare resend after a crash shows in mail clients as the same message.
import { createHash } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type { EmailConfig } from '../platform/channel-providers.js';
import type { Ledger } from '../store/ledger.js';
import { auditFilingOnce, type FilingRef } from './filing-records.js';

export interface ReminderDeps {
  ledger: Ledger;
  /** The email channel's settings; without them a reminder is recorded as not delivered. */
  email?: EmailConfig;
}

export interface FilingReminderInput extends FilingRef {
  key: string;
  /** Share of the time allowed: 0.5, 0.8, 1, then past it. */
  share: number;
  reminderDueAt: string;
  /** How late this reminder goes out (its timer fell due while the worker was down). */
  lateByMs: number;
  status: string;
  waitingFor?: string;
}

function duration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 1) return `${Math.round(Math.abs(ms) / 1000)} seconds`;
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

const WAITS: Record<string, string> = {
  approval: 'It waits for an approver (POST /v1/filings/{id}/approve).',
  delay_reasons: 'It is late and waits for the reasons for the delay (POST /v1/filings/{id}/delay-reasons).',
  portal_confirmation:
    "It must be filed in the regulator's portal; record the confirmation number (POST /v1/filings/{id}/portal-confirmation).",
  report_fields: 'The report is incomplete; see the filing for what is missing.',
  earlier_phase: 'It waits for the earlier phase of the same regime to be filed.',
};

export function reminderText(r: FilingReminderInput, now: number): { subject: string; text: string } {
  const leftMs = Date.parse(r.dueAt) - now;
  const when = leftMs >= 0 ? `due in ${duration(leftMs)}` : `OVERDUE by ${duration(leftMs)}`;
  const lines = [
    `The ${r.regime} ${r.phase} filing ${r.filingId} of incident ${r.incidentId} is ${when}.`,
    `Deadline: ${r.dueAt}. Recipient: ${r.recipientId}. Status: ${r.status}.`,
    ...(r.waitingFor && WAITS[r.waitingFor] ? [WAITS[r.waitingFor]!.replace('{id}', r.filingId)] : []),
    ...(r.lateByMs > 1_000
      ? [
          `This reminder was due at ${r.reminderDueAt} and goes out ${duration(r.lateByMs)} late (the service was down).`,
        ]
      : []),
  ];
  return { subject: `Filing ${when}: ${r.regime} ${r.phase} (${r.incidentId})`, text: lines.join('\n') };
}

export function createFilingReminders({ ledger, email }: ReminderDeps) {
  let transport: Transporter | undefined;
  return {
    async sendFilingReminder(r: FilingReminderInput): Promise<{ delivered: boolean }> {
      const done = (await ledger.listAudit(r.incidentId)).find(
        (a) => a.action === 'filing:reminder' && a.details?.key === r.key,
      );
      if (done) return { delivered: done.details?.delivered === true };
      const incident = await ledger.getIncident(r.incidentId);
      const to = incident?.facts.contact.email;
      const { subject, text } = reminderText(r, Date.now());
      let delivered = false;
      let problem: string | undefined;
      if (email && to) {
        transport ??= createTransport(email.smtpUrl);
        const digest = createHash('sha256').update(r.key).digest('hex').slice(0, 40);
        await transport.sendMail({
          from: email.from,
          to,
          subject,
          text,
          messageId: `<filing-reminder.${digest}@breach-notify>`,
        });
        delivered = true;
      } else {
        problem = email ? 'the incident has no contact email' : 'no email channel is configured';
      }
      await auditFilingOnce(ledger, {
        incidentId: r.incidentId,
        key: r.key,
        action: 'reminder',
        actor: 'system',
        ...(problem ? { reason: problem } : {}),
        details: {
          filingId: r.filingId,
          share: r.share,
          reminderDueAt: r.reminderDueAt,
          lateByMs: r.lateByMs,
          delivered,
        },
      });
      return { delivered };
    },
  };
}
