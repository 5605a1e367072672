#!/usr/bin/env node
// The `breach` command. A checkout with its development tools runs the TypeScript source through
// tsx, so it never runs a stale build; an installation without them runs the compiled CLI.
import { existsSync } from 'node:fs';

const source = new URL('../cli/main.ts', import.meta.url);
const tsx = await import('tsx/esm/api').catch(() => undefined);
let main;
if (tsx && existsSync(source)) {
  tsx.register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import(new URL('../dist/cli/main.js', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
