// The API's /metrics: the ledger's state, counted at each scrape (so every replica reports the same
// numbers, and none is lost when a process restarts), the API's own requests, and the process.
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { DELIVERY_STATUSES, type Ledger } from '../store/ledger.js';
import { FILING_STATUSES } from '../domain/filing/filing.js';
import { ANNOUNCEMENT_STATUSES } from '../domain/announcement/announcement.js';

const CHANNELS = ['email', 'sms', 'push'] as const;

export class LedgerMetrics {
  readonly registry = new Registry();
  private readonly deliveries = this.gauge(
    'breach_deliveries',
    'Deliveries in the ledger by channel and status.',
    ['channel', 'status'],
  );
  private readonly filings = this.gauge('breach_filings', 'Regulator filings in the ledger by status.', [
    'status',
  ]);
  private readonly obligationsDue = this.gauge(
    'breach_obligations_due',
    'Unfiled regulator obligations whose deadline falls within the window (6h, 24h) from now.',
    ['within'],
  );
  private readonly obligationsOverdue = this.gauge(
    'breach_obligations_overdue',
    'Unfiled regulator obligations past their deadline.',
    [],
  );
  private readonly announcements = this.gauge('breach_announcements', 'Announcements by status.', ['status']);
  private readonly incidents = this.gauge('breach_incidents', 'Incidents by phase.', ['phase']);
  private readonly importRows = this.gauge(
    'breach_import_rows',
    'Rows of affected-user uploads by outcome (accepted, rejected), over every upload in the ledger.',
    ['outcome'],
  );
  readonly httpRequests = new Counter({
    name: 'breach_http_requests_total',
    help: 'API requests by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  constructor(opts: { processMetrics?: boolean } = {}) {
    if (opts.processMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, prefix: 'breach_api_' });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  /** Reads the ledger once and sets every gauge; statuses with no rows report 0, so alerts see them. */
  async refresh(ledger: Pick<Ledger, 'operationsSummary'>, now = new Date()): Promise<void> {
    const s = await ledger.operationsSummary(now);
    this.deliveries.reset();
    for (const channel of CHANNELS)
      for (const status of DELIVERY_STATUSES) this.deliveries.set({ channel, status }, 0);
    for (const d of s.deliveries) this.deliveries.set({ channel: d.channel, status: d.status }, d.count);
    this.filings.reset();
    for (const status of FILING_STATUSES) this.filings.set({ status }, 0);
    for (const f of s.filings) this.filings.set({ status: f.status }, f.count);
    this.announcements.reset();
    for (const status of ANNOUNCEMENT_STATUSES) this.announcements.set({ status }, 0);
    for (const a of s.announcements) this.announcements.set({ status: a.status }, a.count);
    this.incidents.reset();
    for (const i of s.incidents) this.incidents.set({ phase: i.phase }, i.count);
    this.obligationsDue.set({ within: '6h' }, s.obligationsDueWithin6h);
    this.obligationsDue.set({ within: '24h' }, s.obligationsDueWithin24h);
    this.obligationsOverdue.set(s.obligationsOverdue);
    this.importRows.set({ outcome: 'accepted' }, s.importRows.accepted);
    this.importRows.set({ outcome: 'rejected' }, s.importRows.rejected);
  }
}
