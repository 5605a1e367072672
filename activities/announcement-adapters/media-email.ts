// Sends an announcement version to a media distribution list (e.g. HIPAA's notice to prominent
// media), in the announcement's original language, through the email channel's SMTP relay.
import { ApplicationFailure } from '@temporalio/common';
import { createTransport } from 'nodemailer';
import type { AnnouncementView } from '../../domain/announcement/view.js';
import { announcementTexts } from '../../domain/announcement/texts.js';
import { fill } from '../../domain/notice/text.js';
import type { EmailConfig } from '../../platform/channel-providers.js';

export interface MediaEmailReceipt {
  status: 'sent' | 'rejected';
  messageId: string;
  accepted: number;
  rejected: number;
  response: string;
  at: string;
}

interface SmtpError extends Error {
  responseCode?: number;
}

function domainOf(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1]?.toLowerCase() ?? 'localhost';
}

/** Plain text of the first (original) locale: what a newsroom reads and quotes. */
export function mediaEmailText(view: AnnouncementView): { subject: string; text: string; language: string } {
  const c = view.locales[0];
  if (!c) throw new Error(`announcement ${view.slug} has no locale`);
  const t = announcementTexts(c.locale);
  const subject =
    view.version > 1 ? `${c.heading} (${fill(t.version, { version: view.version })})` : c.heading;
  const blocks = c.sections.map((s) => {
    const lines = s.blocks.map((b) => {
      switch (b.kind) {
        case 'paragraphs':
          return b.text;
        case 'list':
          return b.items.map((i) => `- ${i}`).join('\n');
        case 'contact':
          return `${b.intro}\n${b.lines.map((l) => `- ${l.label}: ${l.value}`).join('\n')}`;
        case 'link':
          return `${b.label}: ${b.href}`;
      }
    });
    return `${s.heading}\n\n${lines.join('\n\n')}`;
  });
  const text = [c.intro, ...blocks, view.url].join('\n\n');
  return { subject, text, language: c.locale };
}

export async function sendMediaEmail(
  email: EmailConfig,
  to: readonly string[],
  view: AnnouncementView,
  idempotencyKey: string,
): Promise<MediaEmailReceipt> {
  const transport = createTransport({
    url: email.smtpUrl,
    ...(email.dkim ? { dkim: email.dkim } : {}),
    connectionTimeout: email.connectionTimeoutMs ?? 30_000,
    greetingTimeout: email.connectionTimeoutMs ?? 30_000,
  });
  // The same for every retry, so a newsroom's mail client shows one message if a retry sends twice.
  const messageId = `<${idempotencyKey}@${domainOf(email.from)}>`;
  const { subject, text, language } = mediaEmailText(view);
  try {
    const info = await transport.sendMail({
      from: email.from,
      to: [...to],
      subject,
      text,
      messageId,
      headers: { 'Content-Language': language, 'Auto-Submitted': 'auto-generated' },
    });
    return {
      status: 'sent',
      messageId,
      accepted: info.accepted.length,
      rejected: info.rejected.length,
      response: info.response,
      at: new Date().toISOString(),
    };
  } catch (err) {
    const e = err as SmtpError;
    if (e.responseCode && e.responseCode >= 500) {
      return {
        status: 'rejected',
        messageId,
        accepted: 0,
        rejected: to.length,
        response: e.message,
        at: new Date().toISOString(),
      };
    }
    throw ApplicationFailure.retryable(
      `media email not sent: ${e.message}`,
      'AnnouncementMediaEmailUnavailable',
    );
  } finally {
    transport.close();
  }
}
