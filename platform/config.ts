import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, optionalString, port, publicBaseUrl, readEnv } from './env.js';

export { ConfigError } from './env.js';

// Fractions allowed so a test (or a drill) can run a whole retention period in seconds.
const positiveDays = (fallback: number) => z.coerce.number().positive().default(fallback);

/** The service's own section: every setting comes from the environment, validated once at start-up. */
const ServiceEnv = {
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** An existing Temporal frontend; when unset, `npm start` runs the embedded dev server. */
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('breach-incidents'),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  /** JSON list of { id, role, sha256 } or a path to a file holding it. */
  BREACH_API_KEYS: optionalString,
  /** JSON { "<keyId>": "<base64 32 bytes>" } or a path to such a file; the active id encrypts. */
  PAYLOAD_KEYS: optionalString,
  PAYLOAD_ACTIVE_KEY_ID: optionalString,
  /** Origins allowed to call the codec endpoint (the Temporal Web UI). */
  CODEC_CORS_ORIGINS: optionalString,
  /** In development the embedded Web UI may decode without a key; production always needs one. */
  CODEC_REQUIRE_AUTH: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DATABASE_URL: optionalString,
  DIRECTORY_DATABASE_URL: optionalString,
  /** The SELECT returning the affected-user columns from the company's directory (see README). */
  DIRECTORY_QUERY: optionalString,
  RETENTION_DAYS: positiveDays(365),
  /** How long an incident stays in monitoring before it closes by itself. */
  MONITORING_DAYS: positiveDays(30),
  /** After the notices, announce publicly when more than this share of the people were left unreachable. */
  ANNOUNCEMENT_UNREACHABLE_SHARE: z.coerce.number().min(0).max(1).default(0.1),
  /** … or more than this many; unset: no count threshold. */
  ANNOUNCEMENT_UNREACHABLE_COUNT: optionalString.pipe(
    z.coerce.number<string | undefined>().int().nonnegative().optional(),
  ),
  /** How long an announcement stays up when no applicable regime names a posting period. */
  ANNOUNCEMENT_DEFAULT_DAYS: positiveDays(90),
  /** Price of one individual notice per channel (US dollars), for the state statutes' cost test. */
  NOTICE_COST_EMAIL_USD: z.coerce.number().nonnegative().default(0.001),
  NOTICE_COST_SMS_USD: z.coerce.number().nonnegative().default(0.008),
  NOTICE_COST_PUSH_USD: z.coerce.number().nonnegative().default(0),
  NOTICE_COST_LETTER_USD: z.coerce.number().nonnegative().default(0.75),
  NOTICE_COST_VOICE_USD: z.coerce.number().nonnegative().default(0.05),
};
export type Env = ReturnType<typeof readEnv<typeof ServiceEnv>>;

export interface Config extends Omit<Env, 'CODEC_CORS_ORIGINS'> {
  dataDir: string;
  publicBaseUrl: string;
  /** Default: the embedded Web UI's own origins. */
  CODEC_CORS_ORIGINS: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = readEnv(ServiceEnv, env);
  if (e.NODE_ENV === 'production') {
    const missing = (['BREACH_API_KEYS', 'PAYLOAD_KEYS', 'NOTICE_LINK_SECRET'] as const).filter((k) => !e[k]);
    if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required when NODE_ENV=production`));
  }
  return {
    ...e,
    dataDir: path.resolve(e.DATA_DIR),
    publicBaseUrl: publicBaseUrl(e),
    CODEC_CORS_ORIGINS:
      e.CODEC_CORS_ORIGINS ?? `http://127.0.0.1:${e.TEMPORAL_UI_PORT},http://localhost:${e.TEMPORAL_UI_PORT}`,
  };
}

/** A setting that is either inline JSON or a path to a JSON file. */
export function readJsonSetting(name: string, value: string): unknown {
  const text =
    value.trimStart().startsWith('[') || value.trimStart().startsWith('{')
      ? value
      : readSettingFile(name, value);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`${name}: not valid JSON (${(err as Error).message})`]);
  }
}

function readSettingFile(name: string, file: string): string {
  if (!existsSync(file)) throw new ConfigError([`${name}: file ${file} does not exist`]);
  return readFileSync(file, 'utf8');
}

/** The company's user directory as a source of affected people, when both settings are given. */
export function directorySettings(config: Config): { databaseUrl: string; query: string } | undefined {
  return config.DIRECTORY_DATABASE_URL && config.DIRECTORY_QUERY
    ? { databaseUrl: config.DIRECTORY_DATABASE_URL, query: config.DIRECTORY_QUERY }
    : undefined;
}
