// The console's only way to the service: the public HTTP API, with the signed-in key as a bearer token.
import { currentSession } from './session.js';

export interface ApiIssue {
  path: string;
  message: string;
}

/** An answer the API refused, with its error body's code, message and field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

// Answers are read field by field by the views; the OpenAPI document describes them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function authHeader(key = currentSession()?.key): Record<string, string> {
  return key ? { authorization: `Bearer ${key}` } : {};
}

export async function errorOf(res: Response): Promise<ApiError> {
  let body: Json;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const e = body?.error;
  return new ApiError(res.status, e?.code ?? 'error', e?.message ?? `HTTP ${res.status}`, e?.issues ?? []);
}

export async function api(method: 'GET' | 'POST', path: string, body?: unknown, key?: string): Promise<Json> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeader(key) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw await errorOf(res);
  return res.json();
}
