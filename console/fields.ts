// Form fields with their label, hint and error next to them; errors come from the same zod schema the
// API uses, or from the API's own 400 issues, matched to the field by path.
import type { ApiIssue } from './api.js';
import { h } from './dom.js';

export interface FieldOptions {
  label: string;
  name: string;
  hint?: string;
  kind?: 'input' | 'textarea' | 'select';
  type?: string;
  value?: string;
  options?: readonly string[];
  required?: boolean;
  /** The form's id where a page shows several forms with fields of the same name. */
  scope?: string;
}

const slug = (path: string, scope?: string) => (scope ? `${scope}-` : '') + path.replaceAll('.', '-');

/** A labelled control; its error element is `err-<path>` and the control points at it with aria-describedby. */
export function field(o: FieldOptions): HTMLElement {
  const id = `f-${slug(o.name, o.scope)}`;
  const hintId = `hint-${slug(o.name, o.scope)}`;
  const errId = `err-${slug(o.name, o.scope)}`;
  const described = [o.hint ? hintId : undefined, errId].filter(Boolean).join(' ');
  const common = { id, name: o.name, 'aria-describedby': described, required: o.required };
  const control =
    o.kind === 'textarea'
      ? h('textarea', { ...common, rows: 3 }, o.value ?? '')
      : o.kind === 'select'
        ? h(
            'select',
            common,
            ...(o.options ?? []).map((v) => h('option', { value: v, selected: v === o.value }, v)),
          )
        : h('input', { ...common, type: o.type ?? 'text', value: o.value ?? '' });
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, o.label, o.required ? h('span', { class: 'req' }, ' (required)') : null),
    o.hint ? h('p', { class: 'hint', id: hintId }, o.hint) : null,
    control,
    h('p', { class: 'error', id: errId }),
  );
}

export function valueOf(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null;
  return el?.value.trim() ?? '';
}

export function checkedValues(form: HTMLFormElement, name: string): string[] {
  return [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
}

/**
 * Shows each issue next to its field (the nearest field of its path: `contact.email`, or `dataCategories`
 * for `dataCategories.2`); issues no field shows go to the form's summary. Focuses the first bad field.
 */
export function showIssues(form: HTMLFormElement, issues: ApiIssue[]): void {
  for (const el of form.querySelectorAll('.error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const scope = form.dataset.scope;
  const unplaced: string[] = [];
  let first: HTMLElement | undefined;
  for (const issue of issues) {
    const parts = issue.path.split('.').filter(Boolean);
    let err: HTMLElement | null = null;
    while (parts.length && !err) {
      err = form.querySelector<HTMLElement>(`#err-${slug(parts.join('.'), scope)}`);
      if (!err) parts.pop();
    }
    if (!err) {
      unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
      continue;
    }
    err.textContent = err.textContent ? `${err.textContent}; ${issue.message}` : issue.message;
    const control = form.querySelector<HTMLElement>(`[aria-describedby~="${err.id}"]`);
    control?.setAttribute('aria-invalid', 'true');
    first ??= control ?? undefined;
  }
  const summary = form.querySelector<HTMLElement>('.form-error');
  if (summary) summary.textContent = unplaced.join('; ');
  (first ?? summary)?.focus();
}

/** Zod's issues in the API's shape: the path joined with dots. */
export function zodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ApiIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
