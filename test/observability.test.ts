// Production's view of one small incident, end to end over a real Temporal server, a real worker and the
// local SMTP, Twilio and FCM servers: /metrics on the API and the worker parsed by a Prometheus text
// parser and held against the ledger, one trace from the approve request to the fan-out's activities,
// and no uploaded email, phone number, name or push token in any log line or metric.
import { Writable } from 'node:stream';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerMetrics } from '../api/ledger-metrics.js';
import { startDevProviders, type DevProviders } from '../dev/providers.js';
import { installTemporalLogging } from '../platform/logger.js';
import { startTracing, type Tracing } from '../platform/tracing.js';
import {
  freeLoopbackPort,
  startMetricsServer,
  type MetricsServer,
} from '../worker/metrics/metrics-server.js';
import { WorkerMetrics } from '../worker/metrics/worker-metrics.js';
import { approve, notified } from './support/fanout-fixtures.js';
import { parseMetrics, sampleValue } from './support/prometheus.js';
import { eventually, startTestService, type TestService } from './support/service.js';

const PEOPLE = Array.from({ length: 5 }, (_, i) => ({
  userId: `obs-${i}`,
  name: `Quintessa Marlowe-${i}`,
  email: `quintessa.marlowe${i}@example.org`,
  phone: `+491512345678${i}`,
  pushToken: `obs-push-token-${i}-c0ffee`,
}));
const SECRETS = PEOPLE.flatMap((p) => [p.name, p.email, p.phone, p.pushToken]);

/** Every line a pino logger writes, as text (one JSON object each). */
function captured(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

const apiLog = captured();
const workerLog = captured();
const sdkLog = captured();
const spans = new InMemorySpanExporter();
let providers: DevProviders;
let svc: TestService;
let tracing: Tracing;
let server: MetricsServer;
const workerMetrics = new WorkerMetrics();
const apiMetrics = new LedgerMetrics();

beforeAll(async () => {
  // The SDK's runtime, as worker/main.ts installs it: its logger into pino, its metrics on loopback.
  const sdkPort = await freeLoopbackPort();
  installTemporalLogging(pino({ level: 'debug' }, sdkLog.stream), {
    prometheusBindAddress: `127.0.0.1:${sdkPort}`,
  });
  tracing = startTracing({ serviceName: 'breach-test', exporter: spans })!;
  providers = await startDevProviders({ deliverAfterMs: 60_000 });
  const workerLogger = pino({ level: 'info' }, workerLog.stream);
  svc = await startTestService({
    env: {
      ...providers.env,
      EMAIL_FROM: 'privacy@acme.example',
      NOTICE_BASE_URL: 'https://notify.acme.example',
    },
    api: { logger: pino({ level: 'info' }, apiLog.stream), metrics: apiMetrics },
    workerOptions: () => ({ metrics: workerMetrics, logger: workerLogger, tracing }),
  });
  server = await startMetricsServer({
    port: 0,
    host: '127.0.0.1',
    metrics: workerMetrics,
    probe: { state: () => 'RUNNING' },
    sdkMetricsUrl: `http://127.0.0.1:${sdkPort}/metrics`,
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await svc?.close();
  await providers?.close();
  await tracing?.shutdown();
});

describe('one incident as operations sees it', () => {
  it('reports metrics that match the ledger, one trace from approval to the sends, and logs without personal data', async () => {
    const id = await svc.openIncident({ severity: 'critical' });
    const csv = [
      'userId,name,email,phone,pushToken,locale',
      ...PEOPLE.map((p) => `${p.userId},${p.name},${p.email},${p.phone},${p.pushToken},en`),
      'obs-bad,too,many,fields,in,this,row,here',
    ].join('\n');
    const upload = await svc.uploadAffectedUsers(id, csv);
    expect(upload.statusCode).toBe(202);
    const uploaded = upload.json() as { accepted: number; rejected: number; errors?: unknown };
    if (uploaded.rejected !== 1) console.log(JSON.stringify(uploaded.errors));
    expect(uploaded).toMatchObject({ accepted: PEOPLE.length, rejected: 1 });
    await eventually(
      async () =>
        (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json?.assessment?.affected ===
        PEOPLE.length,
    );

    await approve(svc, id);
    await notified(svc, id);

    // Metrics: the API's gauges are the ledger's counts; the worker's counters are what it sent.
    const apiText = (await svc.app.inject({ method: 'GET', url: '/metrics' })).body;
    const api = parseMetrics(apiText);
    const rows = await svc.ledger.operationsSummary();
    expect(rows.deliveries.length).toBeGreaterThan(0);
    for (const d of rows.deliveries) {
      expect(sampleValue(api, 'breach_deliveries', { channel: d.channel, status: d.status })).toBe(d.count);
    }
    const sent = await svc.ledger.deliveryCounts(id);
    for (const channel of ['email', 'sms', 'push'] as const) {
      expect(sent.channels[channel].sent).toBe(PEOPLE.length);
    }
    const filings = await svc.ledger.listFilings(id);
    for (const status of new Set(filings.map((f) => f.status))) {
      expect(sampleValue(api, 'breach_filings', { status })).toBe(
        filings.filter((f) => f.status === status).length,
      );
    }
    expect(sampleValue(api, 'breach_import_rows', { outcome: 'accepted' })).toBe(uploaded.accepted);
    expect(sampleValue(api, 'breach_import_rows', { outcome: 'rejected' })).toBe(uploaded.rejected);
    expect(api.has('breach_obligations_overdue')).toBe(true);
    expect(
      sampleValue(api, 'breach_http_requests_total', { route: '/v1/incidents/:id/approve', status: '200' }),
    ).toBe(1);

    const workerText = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    const worker = parseMetrics(workerText);
    for (const channel of ['email', 'sms', 'push']) {
      expect(sampleValue(worker, 'breach_notice_sends_total', { channel, outcome: 'accepted' })).toBe(
        PEOPLE.length,
      );
      // The parser drops a histogram's labels, so the per-channel count is read from its line.
      const count = new RegExp(
        `^breach_notice_send_duration_seconds_count\\{channel="${channel}"\\} (\\d+)$`,
        'm',
      );
      expect(Number(count.exec(workerText)?.[1] ?? 0)).toBeGreaterThan(0);
    }
    expect(worker.get('breach_notice_send_duration_seconds')?.type).toBe('HISTOGRAM');
    // The SDK's own metrics come through the same scrape.
    expect([...worker.keys()].some((name) => name.startsWith('temporal_'))).toBe(true);

    // Traces: the approve request's span and the fan-out's activities share one trace.
    const finished = spans.getFinishedSpans();
    const approveSpan = finished.find(
      (s) =>
        s.attributes['http.route'] === '/v1/incidents/:id/approve' ||
        s.name.includes('/v1/incidents/:id/approve'),
    );
    expect(approveSpan, finished.map((s) => s.name).join(', ')).toBeDefined();
    const traceId = approveSpan!.spanContext().traceId;
    const inTrace = finished.filter((s) => s.spanContext().traceId === traceId).map((s) => s.name);
    expect(inTrace).toContain('StartWorkflowUpdate:approve');
    expect(inTrace.some((n) => n.startsWith('RunWorkflow:noticeFanoutWorkflow'))).toBe(true);
    expect(inTrace.filter((n) => n.startsWith('RunActivity:')).length).toBeGreaterThan(2);

    // Logs: one JSON object a line, the incident and trace on the activity lines, nobody's details anywhere.
    const all = [...apiLog.lines, ...workerLog.lines, ...sdkLog.lines];
    for (const line of all) expect(() => JSON.parse(line) as unknown).not.toThrow();
    const activityLines = workerLog.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(
      activityLines.some((l) => l.incidentId === id && typeof l.traceId === 'string' && l.workflowId),
    ).toBe(true);
    const approveLine = apiLog.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.incidentId === id);
    expect(approveLine?.workflowId).toBe(`incident-${id}`);
    const everything = [...all, apiText, workerText].join('\n').toLowerCase();
    for (const secret of SECRETS) expect(everything).not.toContain(secret.toLowerCase());
    console.log(
      `observability: ${all.length} log lines, ${api.size + worker.size} metric families, ${inTrace.length} spans in the approval trace`,
    );
  }, 240_000);
});
