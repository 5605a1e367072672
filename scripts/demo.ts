// `npm run demo`: against a running service (npm start), opens the example incident with the example
// affected-user file, approves it, and draws a progress bar per channel until every notice is out.
// Finds the service as npm start listens (PORT, HOST) unless BREACH_URL is set, and calls it with the
// development keys unless RESPONDER_KEY and APPROVER_KEY are set (see scripts/demo-target.ts).
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { NOTICE_CHANNELS } from '../domain/fallback.js';
import { ConfigError } from '../platform/config.js';
import { importSummary, peopleIn, progressBar, type UploadCounts } from './demo-lines.js';
import { checkService, DemoError, demoKeys, serviceUrl, unreachableMessage } from './demo-target.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

function client(base: string) {
  return async (key: string, method: string, path: string, body?: string, type = 'application/json') => {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': type } : {}) },
        body,
      });
    } catch (err) {
      throw new DemoError(unreachableMessage(base, err) ?? `${method} ${path}: ${(err as Error).message}`);
    }
    const json = (await res.json().catch(() => undefined)) as Json | undefined;
    if (res.status === 401) {
      throw new DemoError(
        `${base} refused the key (401): these are not its keys. \`npm run keys\` shows the development keys; after \`npm run keys -- --new\`, restart \`npm start\`.`,
      );
    }
    if (res.status >= 400) throw new DemoError(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json ?? {};
  };
}

async function demo(): Promise<void> {
  const base = serviceUrl();
  const keys = demoKeys();
  await checkService(base);
  const call = client(base);
  const { responder, approver } = keys;

  const incident = JSON.parse(readFileSync(new URL('../examples/incident.json', import.meta.url), 'utf8'));
  incident.externalId = `demo-${Date.now()}`;
  const opened = await call(responder, 'POST', '/v1/incidents', JSON.stringify(incident));
  console.log(`Opened ${opened.id} (${opened.phase}) at ${base}`);
  while ((await call(responder, 'GET', `/v1/incidents/${opened.id}`)).phase !== 'awaiting_approval')
    await sleep(300);

  const csv = readFileSync(new URL('../examples/affected-users.csv', import.meta.url), 'utf8');
  const upload = (await call(
    responder,
    'POST',
    `/v1/incidents/${opened.id}/affected-users`,
    csv,
    'text/csv',
  )) as UploadCounts;
  console.log(importSummary(upload));
  let view = await call(responder, 'GET', `/v1/incidents/${opened.id}`);
  while (view.assessment?.affected !== peopleIn(upload)) {
    await sleep(300);
    view = await call(responder, 'GET', `/v1/incidents/${opened.id}`);
  }
  const reach = view.assessment.reachable;
  console.log(
    `Assessed: ${view.assessment.affected} people; reachable by email ${reach.email}, SMS ${reach.sms}, push ${reach.push}, none ${reach.none}`,
  );

  await call(
    approver,
    'POST',
    `/v1/incidents/${opened.id}/approve`,
    JSON.stringify({ note: 'demo approval' }),
  );
  console.log('Approved; sending notices:\n');
  for (;;) {
    view = await call(responder, 'GET', `/v1/incidents/${opened.id}`);
    const n = view.notices ?? {};
    const lines = NOTICE_CHANNELS.map((c) => {
      const p = n[c] ?? { pending: 0, sent: 0, failed: 0, delivered: 0 };
      return `  ${c.padEnd(6)} ${progressBar(p.sent + p.failed, p.sent + p.failed + p.pending)}  delivered ${p.delivered}, failed ${p.failed}`;
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
}

demo().catch((err: unknown) => {
  if (err instanceof DemoError || err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exitCode = 1;
});
