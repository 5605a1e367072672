import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const pureDirs = ['domain/obligations', 'domain/obligations/regimes', 'domain/calendar'];

describe('obligations engine inside workflow code', () => {
  it('uses no clock, randomness or Node modules of its own', () => {
    for (const dir of pureDirs) {
      for (const file of readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.ts'))) {
        const source = readFileSync(path.join(root, dir, file), 'utf8');
        expect(source, `${dir}/${file}`).not.toMatch(
          /Date\.now\(|Math\.random\(|new Date\(\)|from 'node:|performance\.now/,
        );
      }
    }
  });

  it('bundles with the Temporal workflow bundler', async () => {
    mkdirSync(path.join(root, '.tmp'), { recursive: true });
    const dir = mkdtempSync(path.join(root, '.tmp', 'obligations-bundle-'));
    try {
      const workflows = path.join(dir, 'workflows.ts');
      writeFileSync(
        workflows,
        [
          `import { computeObligations } from '../../domain/obligations/engine.js';`,
          `export async function obligations(): Promise<number> {`,
          `  return computeObligations({ incidentId: 'x', facts: { discoveredAt: '2026-03-02T10:00:00Z', dataCategories: ['email'], severity: 'low' }, judgements: [], events: {}, now: '2026-03-02T10:00:00Z' }).length;`,
          `}`,
        ].join('\n'),
      );
      const errors: string[] = [];
      const bundle = await bundleWorkflowCode({
        workflowsPath: workflows,
        logger: {
          log: () => undefined,
          trace: () => undefined,
          debug: () => undefined,
          info: () => undefined,
          warn: (m: string) => errors.push(m),
          error: (m: string) => errors.push(m),
        },
      });
      expect(errors).toEqual([]);
      expect(bundle.code).toContain('computeObligations');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
