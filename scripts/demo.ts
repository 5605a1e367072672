// `npm run demo`: against a running service (npm start), opens the example incident with the example
// affected-user file, approves it, and draws a progress bar per channel until every notice is out.
// Needs the keys npm start printed: RESPONDER_KEY and APPROVER_KEY (BREACH_URL defaults to :8080).
import { readFileSync } from 'node:fs';

const base = process.env.BREACH_URL ?? 'http://127.0.0.1:8080';
const responder = process.env.RESPONDER_KEY;
const approver = process.env.APPROVER_KEY;
if (!responder || !approver) {
  console.error(
    'Set RESPONDER_KEY and APPROVER_KEY to the keys `npm start` printed (and BREACH_URL if not :8080).',
  );
  process.exit(2);
}

async function call(key: string, method: string, path: string, body?: string, type = 'application/json') {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': type } : {}) },
    body,
  });
  const json = (await res.json().catch(() => undefined)) as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json ?? {};
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bar = (done: number, total: number, width = 30) => {
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
};

const incident = JSON.parse(readFileSync(new URL('../examples/incident.json', import.meta.url), 'utf8'));
incident.externalId = `demo-${Date.now()}`;
const opened = await call(responder, 'POST', '/v1/incidents', JSON.stringify(incident));
console.log(`Opened ${opened.id} (${opened.phase})`);
while ((await call(responder, 'GET', `/v1/incidents/${opened.id}`)).phase !== 'awaiting_approval')
  await sleep(300);

const csv = readFileSync(new URL('../examples/affected-users.csv', import.meta.url), 'utf8');
const imported = await call(responder, 'POST', `/v1/incidents/${opened.id}/affected-users`, csv, 'text/csv');
console.log(
  `Imported ${imported.accepted} people (${imported.rejected} rows rejected: ${imported.errors.map((e: { line: number; field: string }) => `line ${e.line} ${e.field}`).join(', ')})`,
);
let view = await call(responder, 'GET', `/v1/incidents/${opened.id}`);
while (view.assessment?.affected !== imported.inserted + imported.unchanged + imported.updated) {
  await sleep(300);
  view = await call(responder, 'GET', `/v1/incidents/${opened.id}`);
}
const reach = view.assessment.reachable;
console.log(
  `Assessed: ${view.assessment.affected} people; reachable by email ${reach.email}, SMS ${reach.sms}, push ${reach.push}, none ${reach.none}`,
);

await call(approver, 'POST', `/v1/incidents/${opened.id}/approve`, JSON.stringify({ note: 'demo approval' }));
console.log('Approved; sending notices:\n');
for (;;) {
  view = await call(responder, 'GET', `/v1/incidents/${opened.id}`);
  const n = view.notices ?? {};
  const lines = (['email', 'sms', 'push'] as const).map((c) => {
    const p = n[c] ?? { pending: 0, sent: 0, failed: 0, delivered: 0 };
    return `  ${c.padEnd(6)} ${bar(p.sent + p.failed, p.sent + p.failed + p.pending)}  delivered ${p.delivered}, failed ${p.failed}`;
  });
  process.stdout.write(
    `\x1b[4A\r${lines.join('\n')}\n  unreachable ${n.unreachable ?? 0}    phase ${view.phase}\n`,
  );
  if (view.phase !== 'notifying' && view.phase !== 'awaiting_approval') break;
  await sleep(500);
}
console.log(
  `\nDone: ${opened.id} is ${view.phase}. Deliveries: ${base}/v1/incidents/${opened.id}/deliveries`,
);
