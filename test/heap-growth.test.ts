import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from '../activities/throughput/heap-growth.js';

const load = fileURLToPath(new URL('./support/heap-growth-load.ts', import.meta.url));

function runLoad(percent: number): { largestOldMiB: number; liveMiB: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', load, String(percent)], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as { largestOldMiB: number; liveMiB: number };
}

describe('limitHeapGrowth', () => {
  it('keeps the old space within half again of the live data, where V8 alone lets it reach about four times', () => {
    const { largestOldMiB, liveMiB } = runLoad(50);
    expect(liveMiB).toBeGreaterThan(60);
    // 1.5 times the live data, plus room for what is promoted while a collection runs.
    expect(largestOldMiB).toBeLessThan(liveMiB * 2);
  }, 60_000);

  it('refuses a growth that is not a whole percentage of at least 1', () => {
    expect(() => limitHeapGrowth(0)).toThrow(/at least 1, not 0/);
    expect(() => limitHeapGrowth(12.5)).toThrow(/whole percentage/);
  });
});
