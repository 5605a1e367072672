// The console's browser code, bundled from console/ with esbuild once per process and kept in memory.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface ConsoleAssets {
  script: string;
  css: string;
}

/** The console/ folder: next to api/ in the checkout; from dist/api/console the source is one level higher. */
export function consoleSourceDir(): string {
  for (const rel of ['../../console/', '../../../console/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}main.ts`)) return dir;
  }
  throw new Error('the console source (console/main.ts) is not found next to api/');
}

async function bundle(): Promise<ConsoleAssets> {
  const dir = consoleSourceDir();
  const result = await build({
    entryPoints: [`${dir}main.ts`],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]?.text;
  if (!script) throw new Error('esbuild produced no console bundle');
  return { script, css: await readFile(`${dir}console.css`, 'utf8') };
}

let cached: Promise<ConsoleAssets> | undefined;

/** Built at the first request; a failed build is tried again at the next one instead of being cached. */
export function consoleAssets(): Promise<ConsoleAssets> {
  cached ??= bundle().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}
