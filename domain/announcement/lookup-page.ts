// The "Was I affected?" pages: the address form, the page that says a code may be on its way (with
// the code form), and the pages for a dead code, too many attempts and a check no longer offered.
// Plain HTML that works without scripts; every error is announced (role="alert") and tied to its field.
import { escapeHtml as esc, fill } from '../notice/text.js';
import { LOOKUP_CODE_DIGITS, LOOKUP_CODE_TTL_MS, type AddressProblem } from './lookup.js';
import { lookupText, type LookupText } from './lookup-text.js';

const CSS = `
  :root { color-scheme: light dark; }
  body { margin: 0; background: #fff; color: #1a1a1a; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; }
  main { max-width: 36rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  .hint { color: #444; margin: 0.25rem 0 0.5rem; }
  input[type=text] { font: inherit; width: 100%; max-width: 24rem; box-sizing: border-box; padding: 0.5rem; border: 2px solid #333; border-radius: 4px; background: #fff; color: #1a1a1a; }
  input[aria-invalid=true] { border-color: #b00020; }
  button { font: inherit; margin-top: 1rem; padding: 0.55rem 1.1rem; border: 0; border-radius: 4px; background: #1d4ed8; color: #fff; cursor: pointer; }
  a { color: #0645ad; }
  a:focus, input:focus, button:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
  .error { color: #b00020; font-weight: 600; }
  .alert { border-left: 4px solid #b00020; padding: 0.25rem 0.75rem; }
  @media (prefers-color-scheme: dark) {
    body { background: #111; color: #eee; } a { color: #8ab4f8; } .hint { color: #bbb; }
    input[type=text] { background: #1b1b1b; color: #eee; border-color: #aaa; }
    .error { color: #ff8a80; } .alert { border-color: #ff8a80; } input[aria-invalid=true] { border-color: #ff8a80; }
  }
`;

function page(t: LookupText, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${esc(t.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const announcementPath = (slug: string) => `/public/announcements/${encodeURIComponent(slug)}`;
const lookupPath = (slug: string) => `${announcementPath(slug)}/lookup`;
const minutes = Math.round(LOOKUP_CODE_TTL_MS / 60_000);

function backLink(t: LookupText, slug: string): string {
  return `<p><a href="${esc(announcementPath(slug))}?lang=${esc(encodeURIComponent(t.locale))}">${esc(t.back)}</a></p>`;
}

function errorSummary(t: LookupText, fieldId: string, message: string): string {
  return `<div class="alert" role="alert">
<p class="error">${esc(t.errorSummary)}</p>
<p><a href="#${fieldId}">${esc(message)}</a></p>
</div>`;
}

function addressForm(t: LookupText, slug: string, problem?: string, value?: string): string {
  const invalid = problem ? ' aria-invalid="true"' : '';
  const describedBy = problem ? 'lookup-address-hint lookup-address-error' : 'lookup-address-hint';
  return `<form method="post" action="${esc(lookupPath(slug))}">
<label for="lookup-address">${esc(t.addressLabel)}</label>
<p class="hint" id="lookup-address-hint">${esc(t.addressHint)}</p>
${problem ? `<p class="error" id="lookup-address-error">${esc(problem)}</p>\n` : ''}<input id="lookup-address" name="address" type="text" autocomplete="email" required aria-describedby="${describedBy}"${invalid}${value ? ` value="${esc(value)}"` : ''}>
<input type="hidden" name="lang" value="${esc(t.locale)}">
<button type="submit">${esc(t.send)}</button>
</form>`;
}

/** The address form, on its own or again with the problem of what was typed. */
export function renderLookupFormPage(opts: {
  slug: string;
  locale?: string;
  problem?: AddressProblem;
  address?: string;
}): string {
  const t = lookupText(opts.locale);
  const problem = opts.problem && t.addressProblems[opts.problem];
  const body = `${problem ? errorSummary(t, 'lookup-address', problem) + '\n' : ''}<h1>${esc(t.title)}</h1>
<p>${esc(t.intro)}</p>
${addressForm(t, opts.slug, problem, opts.address)}
${backLink(t, opts.slug)}`;
  return page(t, problem ? `${t.errorSummary}: ${t.title}` : t.title, body);
}

export type CodeProblem = { kind: 'format' } | { kind: 'wrong'; triesLeft: number };

/**
 * What every lookup answers, affected or not: the same words, and the code form carrying the lookup
 * reference. Only the reference differs between two answers (and the problem, when a code was wrong).
 */
export function renderLookupSentPage(opts: {
  slug: string;
  locale?: string;
  lookupRef: string;
  problem?: CodeProblem;
}): string {
  const t = lookupText(opts.locale);
  const digits = { digits: LOOKUP_CODE_DIGITS };
  const problem =
    opts.problem?.kind === 'wrong'
      ? fill(t.wrongCode, { tries: opts.problem.triesLeft })
      : opts.problem
        ? fill(t.codeFormat, digits)
        : undefined;
  const invalid = problem ? ' aria-invalid="true"' : '';
  const describedBy = problem ? 'lookup-code-hint lookup-code-error' : 'lookup-code-hint';
  const body = `${problem ? errorSummary(t, 'lookup-code', problem) + '\n' : ''}<h1>${esc(t.sentTitle)}</h1>
<p role="status">${esc(fill(t.sent, { minutes }))}</p>
<form method="post" action="${esc(lookupPath(opts.slug))}/verify">
<input type="hidden" name="ref" value="${esc(opts.lookupRef)}">
<input type="hidden" name="lang" value="${esc(t.locale)}">
<label for="lookup-code">${esc(fill(t.codeLabel, digits))}</label>
<p class="hint" id="lookup-code-hint">${esc(t.codeHint)}</p>
${problem ? `<p class="error" id="lookup-code-error">${esc(problem)}</p>\n` : ''}<input id="lookup-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required aria-describedby="${describedBy}"${invalid}>
<button type="submit">${esc(t.verify)}</button>
</form>
<p><a href="${esc(lookupPath(opts.slug))}?lang=${esc(encodeURIComponent(t.locale))}">${esc(t.startAgain)}</a></p>
${backLink(t, opts.slug)}`;
  return page(t, problem ? `${t.errorSummary}: ${t.sentTitle}` : t.sentTitle, body);
}

/** A code that expired, was used, or was entered wrongly too often. */
export function renderLookupDeadPage(opts: { slug: string; locale?: string }): string {
  const t = lookupText(opts.locale);
  return page(
    t,
    t.deadTitle,
    `<h1>${esc(t.deadTitle)}</h1>
<p>${esc(t.dead)}</p>
<p><a href="${esc(lookupPath(opts.slug))}?lang=${esc(encodeURIComponent(t.locale))}">${esc(t.startAgain)}</a></p>
${backLink(t, opts.slug)}`,
  );
}

export function renderLookupTooManyPage(opts: { slug: string; locale?: string }): string {
  const t = lookupText(opts.locale);
  return page(
    t,
    t.tooManyTitle,
    `<h1>${esc(t.tooManyTitle)}</h1>\n<p>${esc(t.tooMany)}</p>\n${backLink(t, opts.slug)}`,
  );
}

/** The incident has no public announcement, or its personal data is purged. */
export function renderLookupUnavailablePage(opts: { locale?: string }): string {
  const t = lookupText(opts.locale);
  return page(t, t.unavailableTitle, `<h1>${esc(t.unavailableTitle)}</h1>\n<p>${esc(t.unavailable)}</p>`);
}

/** The code's email and SMS, in the language of the page the person used. */
export function renderLookupMessage(opts: {
  locale?: string;
  code: string;
  incidentTitle: string;
  sender: string;
}): { subject: string; text: string; sms: string; language: string } {
  const t = lookupText(opts.locale);
  const values = { code: opts.code, minutes, title: opts.incidentTitle, sender: opts.sender };
  return {
    subject: fill(t.emailSubject, values),
    text: fill(t.emailBody, values),
    sms: fill(t.sms, values),
    language: t.locale,
  };
}
