// The variables that more than one section of the configuration reads, declared and validated once.
// Each section (config.ts: the service; channel-config.ts: the notice channels and fan-out;
// announcement-config.ts: where announcements go; lookup-config.ts: the "Was I affected?" lookup)
// adds its own variables to these and reads the environment through `readEnv`, so every error still
// names the variable it is about.
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Unset and empty are the same: a compose file often passes `VAR=` for "not set". */
export const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const CommonEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port(8080),
  DATA_DIR: z.string().default('data'),
  /** The origin the API and its public pages are reached under. */
  PUBLIC_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Signs the links in notices (and, unless LOOKUP_SECRET is set, keys the lookup's digests). */
  NOTICE_LINK_SECRET: optionalString.pipe(
    z
      .string()
      .refine((s) => Buffer.byteLength(s) >= 32, 'must be at least 32 bytes')
      .optional(),
  ),
});
export type CommonEnv = z.infer<typeof CommonEnv>;

/** Parses the common variables and a section's own; a wrong value throws naming its variable. */
export function readEnv<S extends z.ZodRawShape>(
  section: S,
  env: NodeJS.ProcessEnv,
): z.infer<z.ZodObject<typeof CommonEnv.shape & S>> {
  const parsed = CommonEnv.extend(section).safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data as z.infer<z.ZodObject<typeof CommonEnv.shape & S>>;
}

/** PUBLIC_BASE_URL without its trailing slash, or the local API's own address. */
export function publicBaseUrl(e: Pick<CommonEnv, 'PUBLIC_BASE_URL' | 'PORT'>): string {
  return (e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/+$/, '');
}
