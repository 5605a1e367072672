// The console's one HTML page: the script and style come from files of their own, so the
// Content-Security-Policy allows no inline script or style at all.

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function consoleShell(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Breach console</title>
<link rel="stylesheet" href="/console/console.css">
<script type="module" src="/console/console.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top" id="top"></header>
<main id="main" tabindex="-1"><p>Loading the console…</p></main>
<div id="live" class="visually-hidden" aria-live="polite"></div>
<noscript><p>The console needs JavaScript. The same actions are in the HTTP API and the breach command.</p></noscript>
</body>
</html>
`;
}
