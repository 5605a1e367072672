// Settings of the "Was I affected?" lookup on announcement pages, from the environment, validated at
// start-up like the rest of the configuration.
import { ConfigError, optionalString, positiveInt, readEnv } from './env.js';

const LookupEnv = {
  /** Lookups (address submissions) one IP address may make per window. */
  LOOKUP_RATE_PER_IP: positiveInt(10),
  /** Code entries one IP address may make per window. */
  LOOKUP_VERIFY_RATE_PER_IP: positiveInt(30),
  LOOKUP_IP_WINDOW_MINUTES: positiveInt(15),
  /** Lookups of one address (whoever asks) per window: each may send a message to that address. */
  LOOKUP_RATE_PER_ADDRESS: positiveInt(3),
  LOOKUP_ADDRESS_WINDOW_MINUTES: positiveInt(60),
  /** How long the notice link that a right code opens keeps working. */
  LOOKUP_LINK_TTL_HOURS: positiveInt(24),
  /** The key of the stored digests of addresses and codes; derived from NOTICE_LINK_SECRET when unset. */
  LOOKUP_SECRET: optionalString,
};

export interface LookupSettings {
  ipLimit: { lookups: number; verifies: number; windowMs: number };
  addressLimit: { lookups: number; windowSeconds: number };
  linkTtlMs: number;
  /** Undefined: the key is derived from the notice link secret. */
  secret?: string;
}

export function loadLookupSettings(env: NodeJS.ProcessEnv = process.env): LookupSettings {
  const e = readEnv(LookupEnv, env);
  if (e.LOOKUP_SECRET !== undefined && Buffer.byteLength(e.LOOKUP_SECRET) < 32) {
    throw new ConfigError(['LOOKUP_SECRET: must be at least 32 bytes']);
  }
  return {
    ipLimit: {
      lookups: e.LOOKUP_RATE_PER_IP,
      verifies: e.LOOKUP_VERIFY_RATE_PER_IP,
      windowMs: e.LOOKUP_IP_WINDOW_MINUTES * 60_000,
    },
    addressLimit: { lookups: e.LOOKUP_RATE_PER_ADDRESS, windowSeconds: e.LOOKUP_ADDRESS_WINDOW_MINUTES * 60 },
    linkTtlMs: e.LOOKUP_LINK_TTL_HOURS * 3_600_000,
    ...(e.LOOKUP_SECRET ? { secret: e.LOOKUP_SECRET } : {}),
  };
}
