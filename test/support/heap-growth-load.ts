// Run by test/heap-growth.test.ts in a process of its own (`node --expose-gc`): a steady live set
// with fast-turning garbage around it, as a fan-out has. Prints the largest old space seen and the
// live data after a full collection, in MiB. Argument: the growth percent, or 0 for V8's own.
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { limitHeapGrowth } from '../../activities/throughput/heap-growth.js';

const percent = Number(process.argv[2]);
if (percent > 0) limitHeapGrowth(percent);

const MiB = 1024 * 1024;
const oldSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!.space_size;

// About 60 MiB that lives throughout.
const live = Array.from({ length: 64 }, (_, n) =>
  Array.from({ length: 16 * 1024 }, (_, i) => ({ n, i, text: `kept ${n}:${i}` })),
);
// Objects that live long enough to reach the old space, then become garbage when overwritten.
const ring: unknown[] = new Array(200_000);
let largestOld = 0;
for (let round = 0; round < 60; round++) {
  for (let i = 0; i < ring.length; i++) ring[i] = { round, i, parts: [round, i, `part ${i}`] };
  largestOld = Math.max(largestOld, oldSpace());
}
(globalThis as { gc?: () => void }).gc!();
const liveMiB = getHeapStatistics().used_heap_size / MiB;
console.log(JSON.stringify({ largestOldMiB: largestOld / MiB, liveMiB, kept: live.length + ring.length }));
