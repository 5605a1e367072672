/**
 * What a local provider received, in order, with a way to wait until enough has arrived: tests wait on
 * a count instead of sleeping.
 */
export class Arrivals<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<() => void>();

  /** `what` names the provider and the thing counted in the timeout's message. */
  constructor(private readonly what: string) {}

  push(item: T): void {
    this.items.push(item);
    for (const wake of this.waiters) wake();
  }

  clear(): void {
    this.items.length = 0;
  }

  waitFor(count: number, timeoutMs: number): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.items.length < count) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(this.items.slice());
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${this.what}: ${this.items.length} of ${count} after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}
