import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to a person's notice. The token is short enough to leave room in a
 * two-segment UCS-2 SMS: a binary payload (UUIDs packed into 16 bytes) and an HMAC-SHA256 cut to
 * 128 bits, together in base64url. It carries no personal data: `recipientRef` is an opaque id the
 * caller chose (a ledger row id), and refs that look like an email address or phone number are refused.
 */

export interface NoticeLinkClaims {
  incidentId: string;
  recipientRef: string;
  noticeVersion: number;
  /** Expiry, whole seconds precision. */
  expiresAt: Date;
}

export type NoticeLinkResult =
  | { status: 'ok'; claims: NoticeLinkClaims }
  | { status: 'expired'; claims: NoticeLinkClaims }
  | { status: 'invalid' };

const FORMAT = 1;
const MAC_BYTES = 16;
const MIN_SECRET_BYTES = 32;
const CONTEXT = Buffer.from('breach-notify/notice-link\0');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TAG_UUID = 0;
const TAG_TEXT = 1;

function secretBytes(secret: string | Buffer): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (bytes.length < MIN_SECRET_BYTES)
    throw new Error(`notice link secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return bytes;
}

function mac(payload: Buffer, secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(CONTEXT).update(payload).digest().subarray(0, MAC_BYTES);
}

function encodeId(id: string, what: string): Buffer {
  if (UUID.test(id))
    return Buffer.concat([Buffer.from([TAG_UUID]), Buffer.from(id.replace(/-/g, ''), 'hex')]);
  const text = Buffer.from(id, 'utf8');
  if (text.length === 0 || text.length > 64) throw new Error(`${what} must be 1 to 64 bytes`);
  return Buffer.concat([Buffer.from([TAG_TEXT, text.length]), text]);
}

function decodeId(buf: Buffer, at: number): [string, number] | undefined {
  const tag = buf[at];
  if (tag === TAG_UUID) {
    if (buf.length < at + 17) return undefined;
    const hex = buf.subarray(at + 1, at + 17).toString('hex');
    return [
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      at + 17,
    ];
  }
  if (tag === TAG_TEXT) {
    const len = buf[at + 1];
    if (len === undefined || buf.length < at + 2 + len) return undefined;
    return [buf.subarray(at + 2, at + 2 + len).toString('utf8'), at + 2 + len];
  }
  return undefined;
}

function looksPersonal(ref: string): boolean {
  return ref.includes('@') || /^\+?[\d\s().-]{7,}$/.test(ref);
}

/** Signs a link token. The caller puts it in the URL path; it needs no further escaping. */
export function signNoticeLink(claims: NoticeLinkClaims, secret: string | Buffer): string {
  if (looksPersonal(claims.recipientRef)) {
    throw new Error('recipientRef must be an opaque id, not an email address or phone number');
  }
  if (!Number.isInteger(claims.noticeVersion) || claims.noticeVersion < 1 || claims.noticeVersion > 0xffff) {
    throw new Error('noticeVersion must be an integer from 1 to 65535');
  }
  const expires = Math.floor(claims.expiresAt.getTime() / 1000);
  if (!Number.isFinite(expires) || expires < 0 || expires > 0xffffffff)
    throw new Error('expiresAt is out of range');
  const tail = Buffer.alloc(6);
  tail.writeUInt16BE(claims.noticeVersion, 0);
  tail.writeUInt32BE(expires, 2);
  const payload = Buffer.concat([
    Buffer.from([FORMAT]),
    encodeId(claims.incidentId, 'incidentId'),
    encodeId(claims.recipientRef, 'recipientRef'),
    tail,
  ]);
  return Buffer.concat([payload, mac(payload, secretBytes(secret))]).toString('base64url');
}

/**
 * Checks a token. Pass several secrets to accept links signed before a key rotation (newest first).
 * `expired` is only reported for an authentic token, so a forger learns nothing from it.
 */
export function verifyNoticeLink(
  token: string,
  secret: string | Buffer | readonly (string | Buffer)[],
  now: Date = new Date(),
): NoticeLinkResult {
  const secrets = (Array.isArray(secret) ? secret : [secret]).map((s: string | Buffer) => secretBytes(s));
  if (typeof token !== 'string' || token.length > 400 || !/^[A-Za-z0-9_-]+$/.test(token))
    return { status: 'invalid' };
  const raw = Buffer.from(token, 'base64url');
  if (raw.length <= MAC_BYTES + 1 || raw.toString('base64url') !== token) return { status: 'invalid' };
  const payload = raw.subarray(0, raw.length - MAC_BYTES);
  const given = raw.subarray(raw.length - MAC_BYTES);
  // Compare against every secret without stopping early, so timing does not reveal which one matched.
  let authentic = false;
  for (const s of secrets) authentic = timingSafeEqual(mac(payload, s), given) || authentic;
  if (!authentic || payload[0] !== FORMAT) return { status: 'invalid' };

  const incident = decodeId(payload, 1);
  if (!incident) return { status: 'invalid' };
  const recipient = decodeId(payload, incident[1]);
  if (!recipient || payload.length !== recipient[1] + 6) return { status: 'invalid' };
  const claims: NoticeLinkClaims = {
    incidentId: incident[0],
    recipientRef: recipient[0],
    noticeVersion: payload.readUInt16BE(recipient[1]),
    expiresAt: new Date(payload.readUInt32BE(recipient[1] + 2) * 1000),
  };
  return now.getTime() >= claims.expiresAt.getTime()
    ? { status: 'expired', claims }
    : { status: 'ok', claims };
}
