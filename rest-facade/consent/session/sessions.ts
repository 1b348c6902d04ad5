import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { getJson, setJson, type Store } from '../../store';
import { readCookie, writeCookie } from './cookies';

/** The customer a session is authenticated as (identity from the CIS online profile). */
export interface SessionCustomer {
  customerId: string;
  username: string;
  displayName?: string;
  email?: string;
  /** A sandbox test customer (cds_test_accounts); only those may authorize sandbox Clients. */
  isTestCustomer: boolean;
}

export interface Session {
  /** The secret cookie value; the store only ever sees its hash. */
  id: string;
  /** Synchronizer token echoed by every POST form of this browser. */
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
  customer?: SessionCustomer;
  authenticatedAt?: number;
}

type StoredSession = Omit<Session, 'id'>;

export interface SessionOptions {
  /** Idle lifetime: kept while the customer is active plus this long (§9.1.2: at least 10 minutes). */
  idleSeconds: number;
  /** Hard cap from creation, whatever the activity. */
  absoluteSeconds: number;
  /** Secure cookies when the public URL is https. */
  secureCookie: boolean;
  now?: () => number;
}

export const SESSION_COOKIE = 'cds_consent_session';

const key = (id: string) => `consent:session:${createHash('sha256').update(id).digest('base64url')}`;
const newSecret = () => randomBytes(32).toString('base64url');

/** Constant-time comparison of two tokens (CSRF). */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Browser sessions kept in the Store: an anonymous session carries the CSRF token for the login
 * and receipt forms; login rotates the id (no fixation) and logout deletes it at once.
 */
export class Sessions {
  private readonly now: () => number;

  constructor(private readonly store: Store, private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The current valid session, refreshing its idle lifetime; null when absent or expired. */
  async load(req: Request): Promise<Session | null> {
    const id = readCookie(req, SESSION_COOKIE);
    if (!id || id.length > 128) return null;
    const stored = await getJson<StoredSession>(this.store, key(id));
    if (!stored) return null;
    const now = this.now();
    if (now - stored.lastSeenAt > this.options.idleSeconds * 1000
      || now - stored.createdAt > this.options.absoluteSeconds * 1000) {
      await this.store.del(key(id));
      return null;
    }
    const session: Session = { ...stored, id, lastSeenAt: now };
    await this.save(session);
    return session;
  }

  /** The current session, or a new anonymous one. */
  async ensure(req: Request, res: Response): Promise<Session> {
    const existing = await this.load(req);
    if (existing) return existing;
    const now = this.now();
    const session: Session = { id: newSecret(), csrf: newSecret(), createdAt: now, lastSeenAt: now };
    await this.save(session);
    this.setCookie(res, session.id);
    return session;
  }

  /** Authenticates the browser: a fresh id and CSRF token, the old session gone. */
  async login(req: Request, res: Response, customer: SessionCustomer): Promise<Session> {
    const old = readCookie(req, SESSION_COOKIE);
    if (old && old.length <= 128) await this.store.del(key(old));
    const now = this.now();
    const session: Session = {
      id: newSecret(), csrf: newSecret(), createdAt: now, lastSeenAt: now, customer, authenticatedAt: now,
    };
    await this.save(session);
    this.setCookie(res, session.id);
    return session;
  }

  async logout(req: Request, res: Response): Promise<void> {
    const id = readCookie(req, SESSION_COOKIE);
    if (id && id.length <= 128) await this.store.del(key(id));
    writeCookie(res, SESSION_COOKIE, '', { secure: this.options.secureCookie, maxAge: 0 });
  }

  private async save(session: Session): Promise<void> {
    const { id, ...stored } = session;
    const ttl = Math.min(this.options.idleSeconds, this.options.absoluteSeconds - (this.now() - session.createdAt) / 1000);
    await setJson(this.store, key(id), stored, { ttlSeconds: Math.max(1, Math.ceil(ttl)) });
  }

  private setCookie(res: Response, id: string) {
    // A browser-session cookie: the store decides expiry, so an idle timeout is enforced server side.
    writeCookie(res, SESSION_COOKIE, id, { secure: this.options.secureCookie });
  }
}
