// The signed-in key lives in sessionStorage only: it goes when the tab closes and is never written elsewhere.

export type Role = 'responder' | 'approver' | 'regulator' | 'admin';

export interface Session {
  key: string;
  role: Role;
  keyId: string;
  recipient?: string;
}

const STORE = 'breach-console-session';

export function currentSession(): Session | undefined {
  const raw = sessionStorage.getItem(STORE);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(STORE, JSON.stringify(session));
}

export function endSession(): void {
  sessionStorage.removeItem(STORE);
}

/** What a role may do; admin may do everything, as the API allows. */
export function may(session: Session, ...roles: Role[]): boolean {
  return session.role === 'admin' || roles.includes(session.role);
}
