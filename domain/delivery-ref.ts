import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { NoticeChannel } from './fallback.js';

/**
 * A sealed reference to one delivery, for a provider to hand back in its callbacks (Twilio calls the
 * StatusCallback URL a message was sent with). The callback then finds its delivery by the claim
 * key, so the ledger needs no index of the providers' random message ids, which cost a random
 * index page per send. AES-256-GCM: the provider learns nothing of the person (a userId can be an
 * email address), and nobody can make up a reference to someone else's delivery.
 */

export interface DeliveryRef {
  incidentId: string;
  userId: string;
  channel: NoticeChannel;
  noticeVersion: number;
}

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_TOKEN_CHARS = 1024;

const keys = new Map<string, Buffer>();

/**
 * GCM needs a nonce never used twice with a key: 8 random bytes drawn per process (and again every
 * 2^32 messages) and a counter, so processes sharing the key do not meet (NIST SP 800-38D's
 * deterministic construction). Drawing random bytes for every message cost more than the sealing.
 */
let prefix = randomBytes(8);
let counter = 0;
function nextIv(): Buffer {
  const iv = Buffer.allocUnsafe(IV_BYTES);
  prefix.copy(iv, 0);
  iv.writeUInt32BE(counter, 8);
  counter = (counter + 1) >>> 0;
  if (counter === 0) prefix = randomBytes(8);
  return iv;
}

/** A key of its own, derived from the notice link secret, so one secret serves both and neither reveals the other. */
function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'breach-notify', 'delivery-ref', 32));
    if (keys.size > 16) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

/** A URL-safe token (base64url) for `ref`. */
export function sealDeliveryRef(ref: DeliveryRef, secret: string): string {
  const plain = Buffer.from(JSON.stringify([ref.incidentId, ref.userId, ref.channel, ref.noticeVersion]));
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  cipher.setAAD(Buffer.from([FORMAT]));
  return Buffer.concat([
    Buffer.from([FORMAT]),
    iv,
    cipher.update(plain),
    cipher.final(),
    cipher.getAuthTag(),
  ]).toString('base64url');
}

/**
 * The delivery a token names, or undefined when it is not one of ours. Pass several secrets to
 * open tokens sealed before a key rotation (newest first).
 */
export function openDeliveryRef(token: string, secrets: readonly string[]): DeliveryRef | undefined {
  if (token.length > MAX_TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const raw = Buffer.from(token, 'base64url');
  if (raw[0] !== FORMAT || raw.length <= 1 + IV_BYTES + TAG_BYTES) return undefined;
  const iv = raw.subarray(1, 1 + IV_BYTES);
  const sealed = raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  for (const secret of secrets) {
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), iv);
      decipher.setAAD(Buffer.from([FORMAT]));
      decipher.setAuthTag(tag);
      plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
    } catch {
      continue;
    }
    return parseRef(plain);
  }
  return undefined;
}

function parseRef(plain: Buffer): DeliveryRef | undefined {
  const fields: unknown = JSON.parse(plain.toString('utf8'));
  if (!Array.isArray(fields) || fields.length !== 4) return undefined;
  const [incidentId, userId, channel, noticeVersion] = fields as unknown[];
  const parsedChannel = NoticeChannel.safeParse(channel);
  if (
    typeof incidentId !== 'string' ||
    typeof userId !== 'string' ||
    !parsedChannel.success ||
    !Number.isInteger(noticeVersion)
  )
    return undefined;
  return { incidentId, userId, channel: parsedChannel.data, noticeVersion: noticeVersion as number };
}
