// The API stands on workflows (as types), domain, store and platform; it never reaches into the
// worker's floor. Read from the import lines of every file under api/, so a new route that imports
// an activity or worker module fails here before it ships.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const FORBIDDEN = ['activities', 'worker'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a source names: `import … from`, `export … from`, side-effect `import '…'`, `import(…)`. */
function importedSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((re) => [...source.matchAll(re)].map((m) => m[1]!));
}

/** The top-level folder of the repository a relative import lands in; undefined for packages. */
function floorOf(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = path.relative(root, path.resolve(path.dirname(file), specifier));
  return target.split(path.sep)[0];
}

describe('the API floor', () => {
  it('reads every kind of import line', () => {
    const source = [
      "import { a } from '../activities/x.js';",
      "import type {\n  B,\n  C,\n} from '../../worker/y.js';",
      "export { d } from './z.js';",
      "import './side-effect.js';",
      "const m = await import('../activities/lazy.js');",
    ].join('\n');
    expect(importedSpecifiers(source)).toEqual(
      expect.arrayContaining([
        '../activities/x.js',
        '../../worker/y.js',
        './z.js',
        './side-effect.js',
        '../activities/lazy.js',
      ]),
    );
    expect(floorOf(path.join(root, 'api/routes/r.ts'), '../../worker/y.js')).toBe('worker');
  });

  it('imports nothing from activities/ or worker/', () => {
    const files = tsFiles(path.join(root, 'api'));
    const arrowsUp: string[] = [];
    let imports = 0;
    for (const file of files) {
      for (const specifier of importedSpecifiers(readFileSync(file, 'utf8'))) {
        imports++;
        const floor = floorOf(file, specifier);
        if (floor && FORBIDDEN.includes(floor)) arrowsUp.push(`${path.relative(root, file)} -> ${specifier}`);
      }
    }
    // The walk must have seen the API, or the check below proves nothing.
    expect(files.length).toBeGreaterThan(10);
    expect(imports).toBeGreaterThan(files.length);
    expect(arrowsUp).toEqual([]);
  });
});
