import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to a person's notice. The token names the person by their link reference,
 * a number the ledger gives each person of an incident, so it carries no personal data and its
 * length does not depend on the userId: a binary payload (the incident's id packed into its bytes,
 * the reference and the notice version as varints, the expiry) and an HMAC-SHA256 cut to 128 bits,
 * together in base64url, short enough for a two-segment UCS-2 SMS and far below a URL path limit.
 *
 * Tokens of the first format, issued before link references, named the person by userId (or a
 * digest of it); they still verify, as `LegacyNoticeLinkClaims`, until they expire.
 */

export interface NoticeLinkClaims {
  incidentId: string;
  /** The person's link reference within the incident (see Ledger.getAffectedUserByLinkRef). */
  linkRef: number;
  noticeVersion: number;
  /** Expiry, whole seconds precision. */
  expiresAt: Date;
}

/** A first-format token: the person is named by the reference the fan-out chose from their userId. */
export interface LegacyNoticeLinkClaims {
  incidentId: string;
  recipientRef: string;
  noticeVersion: number;
  expiresAt: Date;
}

export type VerifiedNoticeLinkClaims = NoticeLinkClaims | LegacyNoticeLinkClaims;

export type NoticeLinkResult =
  | { status: 'ok'; claims: VerifiedNoticeLinkClaims }
  | { status: 'expired'; claims: VerifiedNoticeLinkClaims }
  | { status: 'invalid' };

/** The longest token `signNoticeLink` makes for an incident id of the API's or a UUID. */
export const NOTICE_LINK_MAX_CHARS = 64;

const LEGACY_FORMAT = 1;
const FORMAT = 2;
const MAC_BYTES = 16;
const MIN_SECRET_BYTES = 32;
const MAX_ID_BYTES = 64;
const MAX_LINK_REF = 0xffffffff;
const CONTEXT = Buffer.from('breach-notify/notice-link\0');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The API's incident ids (`inc_` and hex, see api/incidents.ts), packed as their bytes. */
const INCIDENT_HEX = /^inc_((?:[0-9a-f]{2}){1,32})$/;
const TAG_UUID = 0;
const TAG_TEXT = 1;
const TAG_INCIDENT_HEX = 2;

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
  const hex = INCIDENT_HEX.exec(id)?.[1];
  if (hex) return Buffer.concat([Buffer.from([TAG_INCIDENT_HEX, hex.length / 2]), Buffer.from(hex, 'hex')]);
  const text = Buffer.from(id, 'utf8');
  if (text.length === 0 || text.length > MAX_ID_BYTES)
    throw new Error(`${what} must be a UUID or 1 to ${MAX_ID_BYTES} bytes`);
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
  if (tag === TAG_TEXT || tag === TAG_INCIDENT_HEX) {
    const len = buf[at + 1];
    if (len === undefined || len === 0 || buf.length < at + 2 + len) return undefined;
    const bytes = buf.subarray(at + 2, at + 2 + len);
    return [tag === TAG_TEXT ? bytes.toString('utf8') : `inc_${bytes.toString('hex')}`, at + 2 + len];
  }
  return undefined;
}

/** Unsigned LEB128: small numbers take one byte. */
function encodeVarint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  do {
    const low = v % 128;
    v = Math.floor(v / 128);
    bytes.push(v > 0 ? low | 0x80 : low);
  } while (v > 0);
  return Buffer.from(bytes);
}

function decodeVarint(buf: Buffer, at: number, max: number): [number, number] | undefined {
  let value = 0;
  let scale = 1;
  for (let i = at; i < buf.length && i < at + 5; i++) {
    const byte = buf[i]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) {
      // Only the shortest encoding is accepted, so each claim has exactly one token.
      if (byte === 0 && i > at) return undefined;
      return value > max ? undefined : [value, i + 1];
    }
  }
  return undefined;
}

function expirySeconds(expiresAt: Date): number {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  if (!Number.isFinite(expires) || expires < 0 || expires > 0xffffffff)
    throw new Error('expiresAt is out of range');
  return expires;
}

/** Signs a link token. The caller puts it in the URL path; it needs no further escaping. */
export function signNoticeLink(claims: NoticeLinkClaims, secret: string | Buffer): string {
  if (!Number.isSafeInteger(claims.linkRef) || claims.linkRef < 1 || claims.linkRef > MAX_LINK_REF) {
    throw new Error(`linkRef must be an integer from 1 to ${MAX_LINK_REF}`);
  }
  if (!Number.isInteger(claims.noticeVersion) || claims.noticeVersion < 1 || claims.noticeVersion > 0xffff) {
    throw new Error('noticeVersion must be an integer from 1 to 65535');
  }
  const expires = Buffer.alloc(4);
  expires.writeUInt32BE(expirySeconds(claims.expiresAt), 0);
  const payload = Buffer.concat([
    Buffer.from([FORMAT]),
    encodeId(claims.incidentId, 'incidentId'),
    encodeVarint(claims.linkRef),
    encodeVarint(claims.noticeVersion),
    expires,
  ]);
  return Buffer.concat([payload, mac(payload, secretBytes(secret))]).toString('base64url');
}

function decodeClaims(payload: Buffer): VerifiedNoticeLinkClaims | undefined {
  const incident = decodeId(payload, 1);
  if (!incident) return undefined;
  if (payload[0] === FORMAT) {
    const ref = decodeVarint(payload, incident[1], MAX_LINK_REF);
    const version = ref && decodeVarint(payload, ref[1], 0xffff);
    if (!ref || !version || ref[0] < 1 || version[0] < 1 || payload.length !== version[1] + 4)
      return undefined;
    return {
      incidentId: incident[0],
      linkRef: ref[0],
      noticeVersion: version[0],
      expiresAt: new Date(payload.readUInt32BE(version[1]) * 1000),
    };
  }
  if (payload[0] === LEGACY_FORMAT) {
    const recipient = decodeId(payload, incident[1]);
    if (!recipient || payload.length !== recipient[1] + 6) return undefined;
    return {
      incidentId: incident[0],
      recipientRef: recipient[0],
      noticeVersion: payload.readUInt16BE(recipient[1]),
      expiresAt: new Date(payload.readUInt32BE(recipient[1] + 2) * 1000),
    };
  }
  return undefined;
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
  if (!authentic) return { status: 'invalid' };
  const claims = decodeClaims(payload);
  if (!claims) return { status: 'invalid' };
  return now.getTime() >= claims.expiresAt.getTime()
    ? { status: 'expired', claims }
    : { status: 'ok', claims };
}
