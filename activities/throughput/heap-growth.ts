// Throughput device: a worker's memory follows the work in flight, not the length of a fan-out.
//
// Between two full collections V8 lets a heap grow to a multiple of what survived the last one. A
// fan-out allocates fast around a steady live set (the pages in flight), so at that factor a
// worker's memory rose with the length of the run (docs/benchmarks.md keeps the figures). Growth
// held to a fixed share over the live set keeps memory a function of the work in flight, not of how
// many people an incident has.
import { setFlagsFromString } from 'node:v8';

/**
 * Lets each heap of this process (the main thread, Temporal's workflow thread, the sending thread)
 * grow by at most `percent` over what survived its last full collection before collecting again.
 * V8 reads the setting when it next sizes a heap, so it holds for heaps and threads already running.
 */
export function limitHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 1) {
    throw new RangeError(`heap growth must be a whole percentage of at least 1, not ${percent}`);
  }
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
