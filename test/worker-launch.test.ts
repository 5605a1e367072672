import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORKER_NODE_FLAGS } from '../worker/node-flags.js';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');

// The bench starts its workers with WORKER_NODE_FLAGS; the ways production starts one must too, or
// the figures in the README describe a worker nobody runs.
describe('worker launch flags', () => {
  it('npm run worker passes every flag to node', () => {
    const script = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.worker;
    expect(script).toMatch(/^node /);
    for (const flag of WORKER_NODE_FLAGS) expect(script?.split(' ')).toContain(flag);
  });

  it("docker-compose's worker command passes every flag to node", () => {
    const command = /worker:\n\s+build: \.\n\s+command: (\[.*\])/.exec(read('docker-compose.yml'))?.[1];
    const args = JSON.parse((command ?? '[]').replace(/'/g, '"')) as string[];
    expect(args[0]).toBe('node');
    for (const flag of WORKER_NODE_FLAGS) expect(args).toContain(flag);
  });
});
