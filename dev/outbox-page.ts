import type { ReceivedPush } from './fcm-stub.js';
import type { ReceivedMail } from './smtp-sink.js';
import type { ReceivedSms } from './twilio-server.js';

function esc(value: string | undefined): string {
  return (value ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );
}

function time(d: Date): string {
  return esc(d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC');
}

/**
 * The development-mode page: what the local SMTP, SMS and push servers received, newest first.
 * Message text is shown as text (the HTML email is not rendered), so nothing here runs.
 */
export function renderOutboxPage(received: {
  email: readonly ReceivedMail[];
  sms: readonly ReceivedSms[];
  push: readonly ReceivedPush[];
}): string {
  const newest = <T extends { receivedAt: Date }>(xs: readonly T[]) =>
    [...xs].sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
  const none = '<p>Nothing yet.</p>';
  const email = newest(received.email)
    .map(
      (m) => `<article>
<h3>${esc(m.subject)}</h3>
<p class="meta">${time(m.receivedAt)} · to ${esc(m.envelope.to.join(', '))} · ${esc(m.messageId)}</p>
<details><summary>Plain text</summary><pre>${esc(m.text)}</pre></details>
</article>`,
    )
    .join('\n');
  const sms = newest(received.sms)
    .map(
      (m) => `<article>
<p class="meta">${time(m.receivedAt)} · to ${esc(m.to)} · ${esc(m.sid)}</p>
<pre>${esc(m.body)}</pre>
</article>`,
    )
    .join('\n');
  const push = newest(received.push)
    .map(
      (m) => `<article>
<h3>${esc(m.notification?.title)}</h3>
<p class="meta">${time(m.receivedAt)} · token ${esc(m.token)}</p>
<p>${esc(m.notification?.body)}</p>
${m.data?.link && /^https?:\/\//.test(m.data.link) ? `<p><a href="${esc(m.data.link)}">${esc(m.data.link)}</a></p>` : ''}
</article>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Development outbox</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; }
article { border-top: 1px solid #ccc; padding: 0.5rem 0; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 0.5rem; }
.meta { color: #555; font-size: 0.875rem; }
</style>
</head>
<body>
<main>
<h1>Development outbox</h1>
<p><strong>Development mode:</strong> no provider is configured, so notices go to local servers and stop here.</p>
<section aria-labelledby="email"><h2 id="email">Email (${received.email.length})</h2>
${email || none}</section>
<section aria-labelledby="sms"><h2 id="sms">SMS (${received.sms.length})</h2>
${sms || none}</section>
<section aria-labelledby="push"><h2 id="push">Push (${received.push.length})</h2>
${push || none}</section>
</main>
</body>
</html>
`;
}
