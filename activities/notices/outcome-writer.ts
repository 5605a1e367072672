// Delivery outcomes arrive one send at a time; writing each in its own transaction costs more than
// the send. They are gathered for a few milliseconds and written together, and each caller still
// waits until its own outcome is in the ledger before it counts the notice as sent.
import type { DeliveryKey, DeliveryOutcome, DeliveryStatus, Ledger } from '../../store/ledger.js';

interface Waiting {
  key: DeliveryKey;
  outcome: DeliveryOutcome;
  resolve: (status: DeliveryStatus | undefined) => void;
  reject: (err: unknown) => void;
}

export class OutcomeWriter {
  private buffer: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ledger: Ledger,
    private readonly maxBatch = 100,
    /** Also the longest a provider's acceptance waits in memory, i.e. the widest duplicate window added. */
    private readonly maxDelayMs = 10,
  ) {}

  record(key: DeliveryKey, outcome: DeliveryOutcome): Promise<DeliveryStatus | undefined> {
    return new Promise((resolve, reject) => {
      this.buffer.push({ key, outcome, resolve, reject });
      if (this.buffer.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const items = this.buffer;
    this.buffer = [];
    if (items.length === 0) return;
    this.ledger.recordDeliveryOutcomes(items.map(({ key, outcome }) => ({ key, outcome }))).then(
      (statuses) => items.forEach((w, i) => w.resolve(statuses[i])),
      (err: unknown) => items.forEach((w) => w.reject(err)),
    );
  }
}
