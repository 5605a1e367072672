// Signing in: the API says which role the key carries; the key is kept for this browser tab only.
import { api, ApiError } from './api.js';
import { h, show } from './dom.js';
import { field, showIssues, valueOf } from './fields.js';
import { saveSession, type Session } from './session.js';

export function signInView(main: HTMLElement, signedIn: (s: Session) => void): void {
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'sign-in-title', class: 'panel narrow' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('p', { class: 'form-error', role: 'alert', tabindex: -1 }),
    field({
      label: 'API key',
      name: 'key',
      type: 'password',
      required: true,
      hint: 'Kept in this tab only, gone when it closes',
    }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = valueOf(form, 'key');
    if (!key) return showIssues(form, [{ path: 'key', message: 'enter your API key' }]);
    void api('GET', '/v1/whoami', undefined, key).then(
      (who) => {
        const session: Session = {
          key,
          role: who.role,
          keyId: who.keyId,
          ...(who.recipient ? { recipient: who.recipient } : {}),
        };
        saveSession(session);
        signedIn(session);
      },
      (err: unknown) =>
        showIssues(form, [
          {
            path: 'key',
            message:
              err instanceof ApiError && err.status === 401
                ? 'this key is not valid'
                : String((err as Error).message),
          },
        ]),
    );
  });
  show(main, form);
  form.querySelector('input')?.focus();
}
