// Deadlines tick live: every element with data-due shows its countdown, turning red once overdue.
import { countdown } from './format.js';

export function deadline(dueAt: string): HTMLElement {
  const el = document.createElement('time');
  el.dateTime = dueAt;
  el.dataset.due = dueAt;
  paint(el);
  return el;
}

function paint(el: HTMLElement): void {
  const { text, overdue } = countdown(el.dataset.due!);
  if (el.textContent !== text) el.textContent = text;
  el.classList.toggle('overdue', overdue);
  el.title = el.dataset.due!;
}

let timer: number | undefined;

/** One timer for the whole page, painting whatever deadlines the current view shows. */
export function startCountdowns(): void {
  timer ??= window.setInterval(() => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-due]')) paint(el);
  }, 1000);
}
