// `npm run keys [-- --new]`: see scripts/keys-command.ts.
import { keysCommand } from './keys-command.js';

const result = keysCommand(process.argv.slice(2));
for (const line of result.stdout) console.log(line);
for (const line of result.stderr) console.error(line);
process.exitCode = result.code;
