// npm run verify-evidence -- pack.zip [--keys FILE|URL]: checks an evidence pack and prints each check;
// exit 1 naming the first file or audit entry that does not hold.
import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { loadPublishedKeys, verifyEvidencePack } from '../platform/evidence-verifier.js';

const program = new Command('verify-evidence')
  .argument('<pack>', 'the evidence pack (ZIP)')
  .option(
    '--keys <source>',
    'published keys: a file or URL',
    process.env.BREACH_AUDIT_KEYS ?? 'http://127.0.0.1:3000/.well-known/breach-audit-keys.json',
  )
  .action(async (pack: string, opts: { keys: string }) => {
    const verdict = await verifyEvidencePack(await readFile(pack), await loadPublishedKeys(opts.keys));
    for (const c of verdict.checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.subject}: ${c.message}`);
    if (!verdict.ok) {
      console.error(`evidence pack does not verify: ${verdict.failed}`);
      process.exit(1);
    }
    console.log(`evidence pack verifies: ${verdict.checks.length} checks`);
  });
await program.parseAsync();
