// The console's entry: sign-in, then a hash router over the views the signed-in role may use.
import { startCountdowns } from './countdowns.js';
import { byId, h, show } from './dom.js';
import { incidentListView } from './incident-list.js';
import { incidentPage } from './incident-page.js';
import { openIncidentView } from './open-form.js';
import { regulatorFilingsView } from './regulator-filings.js';
import { currentSession, endSession, may, type Session } from './session.js';
import { signInView } from './sign-in.js';

let leave: (() => void) | undefined;

function header(session: Session | undefined): void {
  const top = byId('top');
  if (!session) return show(top, h('p', { class: 'brand' }, 'Breach console'));
  const signOut = h('button', { type: 'button', id: 'sign-out' }, 'Sign out');
  signOut.addEventListener('click', () => {
    endSession();
    location.hash = '#/';
    route();
  });
  const links =
    session.role === 'regulator'
      ? [h('a', { href: '#/filings' }, 'Filings')]
      : [
          h('a', { href: '#/' }, 'Incidents'),
          may(session, 'responder') ? h('a', { href: '#/open' }, 'Open an incident') : null,
        ];
  show(
    top,
    h('p', { class: 'brand' }, 'Breach console'),
    h('nav', { 'aria-label': 'Console' }, ...links),
    h('p', { class: 'who' }, `${session.keyId} (${session.role})`, ' ', signOut),
  );
}

function route(): void {
  leave?.();
  leave = undefined;
  const main = byId('main');
  const session = currentSession();
  header(session);
  if (!session) return signInView(main, () => route());
  const hash = location.hash.replace(/^#/, '') || '/';
  if (session.role === 'regulator') {
    // Whatever the address says, a regulator key is offered its filings and nothing else.
    void regulatorFilingsView(main, session.recipient).catch((err: unknown) =>
      show(main, h('p', { class: 'error', role: 'alert' }, String(err))),
    );
    return;
  }
  const incident = /^\/incidents\/([^/]+)$/.exec(hash);
  if (incident) leave = incidentPage(main, decodeURIComponent(incident[1]!), session);
  else if (hash === '/open' && may(session, 'responder'))
    openIncidentView(main, (id) => (location.hash = `#/incidents/${id}`));
  else incidentListView(main, may(session, 'responder'));
  document.title = `${main.querySelector('h1')?.textContent ?? 'Console'} · Breach console`;
}

window.addEventListener('hashchange', route);
startCountdowns();
route();
