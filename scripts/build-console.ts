// `npm run build`: the console's bundle for dist/, which carries no TypeScript source to bundle at run time.
import { writeConsoleBundle } from '../api/console/bundle.js';

await writeConsoleBundle(process.argv[2] ?? 'dist/console');
