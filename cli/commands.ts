// What each `breach` command asks of the API, and what it prints. Commander parses; these act.
import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { BreachClient, Json } from './client.js';
import { CliError, EXIT } from './errors.js';
import { printFilings, printIncident, printObligations } from './incident-lines.js';
import { printPreview } from './preview-lines.js';
import { answer, printTable, type OutputOptions } from './output.js';
import { watchIncident } from './watch.js';

const incidentPath = (id: string, rest = '') => `/v1/incidents/${encodeURIComponent(id)}${rest}`;

/** A JSON file of the user's, or a usage error naming it. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(EXIT.usage, `cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(EXIT.usage, `${file} is not JSON: ${(err as Error).message}`);
  }
}

/** The upload's media type from the file's name: CSV, or NDJSON for .ndjson/.jsonl. */
export function uploadType(file: string): string {
  if (/\.csv$/i.test(file)) return 'text/csv';
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'application/x-ndjson';
  throw new CliError(EXIT.usage, `${file}: name a .csv, .ndjson or .jsonl file`);
}

export async function listIncidents(c: BreachClient, phase: string | undefined, o: OutputOptions) {
  const page = await c.get(`/v1/incidents${phase ? `?phase=${encodeURIComponent(phase)}` : ''}`);
  answer(page, o, () =>
    printTable(
      ['incident', 'phase', 'severity', 'opened', 'title'],
      (page.items as Json[]).map((i) => [i.id, i.phase, i.severity, i.createdAt, i.title]),
    ),
  );
}

export async function openIncident(c: BreachClient, file: string, o: OutputOptions) {
  const opened = await c.post('/v1/incidents', readJsonFile(file));
  answer(opened, o, () => console.log(`Opened ${opened.id} (${opened.phase})`));
}

export async function importPeople(c: BreachClient, id: string, file: string, o: OutputOptions) {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: ' upload |{bar}| {percentage}% {value}/{total} bytes' },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const result = await c
    .upload(incidentPath(id, '/affected-users'), {
      file,
      contentType: uploadType(file),
      onProgress: (sent, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(sent);
      },
    })
    .finally(() => bar.stop());
  answer(result, o, () => {
    const people = result.inserted + result.updated + result.unchanged;
    console.log(
      `Imported ${people} people from ${result.accepted + result.rejected} rows ` +
        `(${result.inserted} new, ${result.updated} updated, ${result.merged} merged, ${result.rejected} rejected)`,
    );
    if (result.errors.length > 0) {
      printTable(
        ['line', 'field', 'problem'],
        (result.errors as Json[]).map((e) => [e.line, e.field ?? '', e.message ?? '']),
      );
    }
  });
}

export async function approve(
  c: BreachClient,
  id: string,
  opts: { note?: string; previewHash?: string },
  o: OutputOptions,
) {
  const r = await c.post(incidentPath(id, '/approve'), {
    ...(opts.note ? { note: opts.note } : {}),
    ...(opts.previewHash ? { previewHash: opts.previewHash } : {}),
  });
  answer(r, o, () => console.log(`Approved ${id} (${r.phase})`));
}

export async function preview(c: BreachClient, id: string, o: OutputOptions) {
  const p = await c.get(incidentPath(id, '/preview'));
  answer(p, o, () => printPreview(p));
}

export async function cancel(c: BreachClient, id: string, reason: string, o: OutputOptions) {
  const r = await c.post(incidentPath(id, '/cancel'), { reason });
  answer(r, o, () => console.log(`Cancelled ${id}`));
}

export async function close(
  c: BreachClient,
  id: string,
  opts: { reason?: string; acknowledgeOpenObligations?: boolean },
  o: OutputOptions,
) {
  const r = await c.post(incidentPath(id, '/close'), {
    ...(opts.reason ? { reason: opts.reason } : {}),
    ...(opts.acknowledgeOpenObligations ? { acknowledgeOpenObligations: true } : {}),
  });
  answer(r, o, () => console.log(`Closing ${id}`));
}

export async function judge(
  c: BreachClient,
  id: string,
  kind: string,
  value: string,
  opts: { reason: string; regime?: string; effectiveAt?: string },
  o: OutputOptions,
) {
  if (value !== 'true' && value !== 'false') {
    throw new CliError(EXIT.usage, `value must be true or false, not "${value}"`);
  }
  const r = await c.post(incidentPath(id, '/judgements'), {
    kind,
    value: value === 'true',
    reason: opts.reason,
    ...(opts.regime ? { regime: opts.regime } : {}),
    ...(opts.effectiveAt ? { effectiveAt: opts.effectiveAt } : {}),
  });
  answer(r, o, () => {
    console.log(`Recorded ${kind} = ${value} for ${id}. Obligations now:`);
    printObligations(r.obligations as Json[]);
  });
}

export async function update(c: BreachClient, id: string, file: string, o: OutputOptions) {
  const r = await c.post(incidentPath(id, '/updates'), readJsonFile(file));
  answer(r, o, () => console.log(`Update recorded: notice version ${r.noticeVersion} for ${id}`));
}

export async function status(c: BreachClient, id: string, o: OutputOptions) {
  const view = await c.get(incidentPath(id));
  answer(view, o, () => printIncident(view));
}

export async function watch(
  c: BreachClient,
  id: string,
  opts: { intervalMs: number; timeoutMs: number },
  o: OutputOptions,
) {
  const view = await watchIncident(c, id, opts);
  answer(view, o, () => printIncident(view));
}

/** An incident's filings, or (without an id) every filing the key may see: a regulator's own. */
export async function filings(c: BreachClient, id: string | undefined, o: OutputOptions) {
  const list = id ? ((await c.get(incidentPath(id))).filings ?? []) : (await c.get('/v1/filings')).items;
  answer(list as Json[], o, () =>
    (list as Json[]).length ? printFilings(list as Json[]) : console.log('No filings.'),
  );
}
