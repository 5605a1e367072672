// The console's browser code: bundled from console/ with esbuild once per process and kept in memory,
// or read as `npm run build` bundled it into dist/console/, where no TypeScript source ships.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface ConsoleAssets {
  script: string;
  css: string;
}

/** console/ in the checkout (the source), dist/console/ in a build (the bundle): both sit two levels up. */
const CONSOLE_DIR = fileURLToPath(new URL('../../console/', import.meta.url));

export async function bundleConsole(sourceDir = CONSOLE_DIR): Promise<ConsoleAssets> {
  const result = await build({
    entryPoints: [`${sourceDir}main.ts`],
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
  return { script, css: await readFile(`${sourceDir}console.css`, 'utf8') };
}

/** For `npm run build`: writes console.js and console.css into outDir. */
export async function writeConsoleBundle(outDir: string, sourceDir = CONSOLE_DIR): Promise<void> {
  const assets = await bundleConsole(sourceDir);
  await mkdir(outDir, { recursive: true });
  await writeFile(`${outDir}/console.js`, assets.script);
  await writeFile(`${outDir}/console.css`, assets.css);
}

async function load(): Promise<ConsoleAssets> {
  if (existsSync(`${CONSOLE_DIR}console.js`)) {
    const [script, css] = await Promise.all(
      ['console.js', 'console.css'].map((f) => readFile(`${CONSOLE_DIR}${f}`, 'utf8')),
    );
    return { script: script!, css: css! };
  }
  if (existsSync(`${CONSOLE_DIR}main.ts`)) return bundleConsole();
  throw new Error(`the console is neither bundled nor its source present in ${CONSOLE_DIR}`);
}

let cached: Promise<ConsoleAssets> | undefined;

/** Loaded at the first request; a failure is tried again at the next one instead of being cached. */
export function consoleAssets(): Promise<ConsoleAssets> {
  cached ??= load().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}
