// Every action that sends, files or decides something asks first, saying exactly what will happen.
import { h } from './dom.js';

/** A modal dialog with the consequences spelled out; resolves true only on the explicit confirmation. */
export function confirmAction(title: string, lines: string[], confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const heading = h('h2', { id: 'confirm-title' }, title);
    const yes = h('button', { type: 'button', class: 'primary', id: 'confirm-yes' }, confirmLabel);
    const no = h('button', { type: 'button', id: 'confirm-no' }, 'Go back');
    const dialog = h(
      'dialog',
      { 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-what', class: 'confirm' },
      heading,
      h('div', { id: 'confirm-what' }, ...lines.map((l) => h('p', {}, l))),
      h('div', { class: 'actions' }, yes, no),
    );
    const finish = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => finish(true));
    no.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}
