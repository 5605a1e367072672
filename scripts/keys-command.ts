// `npm run keys`: shows the development API keys `npm start` made (DATA_DIR), creating them if there
// are none yet; `npm run keys -- --new` replaces them. Refused where the keys are not development
// keys: in production, or when BREACH_API_KEYS is set (only hashes are known then).
import { parseArgs } from 'node:util';
import {
  DEV_KEY_ROLES,
  ensureDevKeys,
  readDevKeys,
  replaceDevKeys,
  type DevKeyPair,
} from '../api/dev-keys.js';
import { ConfigError, loadConfig } from '../platform/config.js';

export interface CommandResult {
  /** 0 shown or made, 1 cannot be shown, 2 refused or misused. */
  code: number;
  stdout: string[];
  stderr: string[];
}

const USAGE = 'Usage: npm run keys [-- --new]   (--new replaces the development keys with new ones)';

export function keysCommand(args: string[], env: NodeJS.ProcessEnv = process.env): CommandResult {
  const refuse = (code: number, ...lines: string[]): CommandResult => ({ code, stdout: [], stderr: lines });
  let replace: boolean;
  try {
    const { values } = parseArgs({ args, options: { new: { type: 'boolean' }, help: { type: 'boolean' } } });
    if (values.help) return { code: 0, stdout: [USAGE], stderr: [] };
    replace = values.new ?? false;
  } catch (err) {
    return refuse(2, (err as Error).message, USAGE);
  }
  if (env.NODE_ENV === 'production') {
    return refuse(
      2,
      'npm run keys is for development: with NODE_ENV=production the API keys are BREACH_API_KEYS, whose keys the service never sees (only their hashes).',
    );
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return refuse(2, err.message);
    throw err;
  }
  if (config.BREACH_API_KEYS) {
    return refuse(
      2,
      'BREACH_API_KEYS is set, so the API takes those keys (only their hashes are known here), not development keys. Unset it to use development keys.',
    );
  }
  const dir = config.dataDir;
  if (replace) {
    return shown(replaceDevKeys(dir), `New development API keys in ${dir}; the old ones no longer work.`, [
      'A running `npm start` read the old keys when it started: restart it so it takes these.',
    ]);
  }
  const stored = readDevKeys(dir);
  if (stored.kind === 'found') return shown(stored.keys, `Development API keys in ${dir}:`);
  if (stored.kind === 'none') {
    const { created } = ensureDevKeys(dir);
    if (created)
      return shown(created, `Development API keys in ${dir} (created now; \`npm start\` accepts them):`);
    return showStored(dir);
  }
  return refuse(
    1,
    `The development keys in ${dir} cannot be shown: ${stored.reason}.`,
    'Run `npm run keys -- --new` to replace them with new ones (then restart `npm start`).',
  );
}

// Another process made the keys between the two reads: show those.
function showStored(dir: string): CommandResult {
  const again = readDevKeys(dir);
  if (again.kind === 'found') return shown(again.keys, `Development API keys in ${dir}:`);
  return { code: 1, stdout: [], stderr: [`The development keys in ${dir} cannot be shown.`] };
}

function shown(keys: DevKeyPair, heading: string, notes: string[] = []): CommandResult {
  return {
    code: 0,
    stdout: [
      heading,
      ...DEV_KEY_ROLES.map((role) => `  ${role.padEnd(10)} ${keys[role]}`),
      '',
      `For curl: export RESPONDER_KEY=${keys.responder} APPROVER_KEY=${keys.approver}`,
      '`npm run demo` finds these keys by itself.',
      ...notes,
    ],
    stderr: [],
  };
}
