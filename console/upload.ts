// Uploading the affected people: a file chosen or dropped, sent with XMLHttpRequest so its upload
// progress shows, then the counts and every line-numbered error as a table.
import { authHeader, type Json } from './api.js';
import { h, show, announce } from './dom.js';
import { count } from './format.js';

function mediaType(file: File): string {
  return /\.(ndjson|jsonl)$/i.test(file.name) ? 'application/x-ndjson' : 'text/csv';
}

function send(
  incidentId: string,
  file: File,
  progress: HTMLProgressElement,
): Promise<{ status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/v1/incidents/${encodeURIComponent(incidentId)}/affected-users`);
    for (const [k, v] of Object.entries(authHeader())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('content-type', mediaType(file));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      progress.max = e.total;
      progress.value = e.loaded;
      progress.textContent = `${Math.round((100 * e.loaded) / e.total)} %`;
    });
    xhr.addEventListener('load', () => {
      let body: Json;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    });
    xhr.addEventListener('error', () => reject(new Error('the upload did not reach the service')));
    xhr.send(file);
  });
}

function resultView(body: Json): HTMLElement {
  const errors = (body.errors ?? []) as { line: number; field: string; message: string }[];
  return h(
    'div',
    { id: 'upload-result' },
    h(
      'p',
      {},
      `${count(body.accepted)} rows accepted (${count(body.inserted)} new, ${count(body.updated)} updated, ` +
        `${count(body.unchanged)} unchanged, ${count(body.merged)} merged), ${count(body.rejected)} rejected.`,
    ),
    errors.length
      ? h(
          'table',
          { class: 'errors' },
          h('caption', {}, 'Lines that were not imported'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Line'),
              h('th', { scope: 'col' }, 'Field'),
              h('th', { scope: 'col' }, 'Problem'),
            ),
          ),
          h(
            'tbody',
            {},
            ...errors.map((e) =>
              h('tr', {}, h('td', {}, e.line), h('td', {}, e.field), h('td', {}, e.message)),
            ),
          ),
        )
      : null,
  );
}

/** The upload panel of an incident; `done` runs after an accepted upload so the page reloads its counts. */
export function uploadPanel(incidentId: string, done: () => void): HTMLElement {
  const progress = h('progress', {
    id: 'upload-progress',
    max: 1,
    value: 0,
    'aria-label': 'Upload progress',
  });
  const status = h('div', { id: 'upload-status' });
  const input = h('input', { type: 'file', id: 'upload-file', accept: '.csv,.ndjson,.jsonl,text/csv' });
  const start = async (file: File | undefined) => {
    if (!file) return;
    progress.value = 0;
    show(status, `Uploading ${file.name}…`);
    try {
      const { status: code, body } = await send(incidentId, file, progress);
      if (code === 202) {
        show(status, resultView(body));
        announce(`Upload finished: ${body.accepted} accepted, ${body.rejected} rejected`);
        done();
      } else {
        show(status, h('p', { class: 'error', role: 'alert' }, body?.error?.message ?? `HTTP ${code}`));
      }
    } catch (err) {
      show(status, h('p', { class: 'error', role: 'alert' }, (err as Error).message));
    }
  };
  input.addEventListener('change', () => void start(input.files?.[0]));
  const zone = h(
    'div',
    { class: 'dropzone', id: 'dropzone' },
    h('label', { for: 'upload-file' }, 'Affected people (CSV or NDJSON): drop the file here or choose it'),
    input,
  );
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    void start(e.dataTransfer?.files[0]);
  });
  return h(
    'section',
    { 'aria-labelledby': 'upload-title', class: 'panel' },
    h('h2', { id: 'upload-title' }, 'Upload affected people'),
    zone,
    progress,
    status,
  );
}
