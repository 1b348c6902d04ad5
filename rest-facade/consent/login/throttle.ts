import { createHash } from 'node:crypto';
import type { Store } from '../../store';

export interface ThrottleOptions {
  /** Failed logins allowed per username in one window before it is locked. */
  maxPerUsername: number;
  /** Failed logins allowed per client IP in one window (spraying many usernames). */
  maxPerIp: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { maxPerUsername: 5, maxPerIp: 30, windowSeconds: 15 * 60 };

const hash = (s: string) => createHash('sha256').update(s).digest('base64url');

/**
 * Failed-login rate limiting (WG1 §11.3 via cds-wg3-01 §12.1), shared by every facade process
 * through the store: fixed windows per username and per IP. Only failures count.
 */
export class LoginThrottle {
  constructor(private readonly store: Store, private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {}

  private keys(username: string, ip: string) {
    return {
      user: `consent:login-failures:user:${hash(username.trim().toLowerCase())}`,
      ip: `consent:login-failures:ip:${hash(ip)}`,
    };
  }

  /** Seconds until another attempt is allowed, or 0 when attempts are allowed now. */
  async retryAfter(username: string, ip: string): Promise<number> {
    const k = this.keys(username, ip);
    const [user, byIp] = await this.store.mget([k.user, k.ip]);
    const over: string[] = [];
    if (Number(user ?? 0) >= this.options.maxPerUsername) over.push(k.user);
    if (Number(byIp ?? 0) >= this.options.maxPerIp) over.push(k.ip);
    if (over.length === 0) return 0;
    const ttls = await Promise.all(over.map((key) => this.store.ttl(key)));
    return Math.max(1, ...ttls);
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const k = this.keys(username, ip);
    await Promise.all([
      this.store.incr(k.user, this.options.windowSeconds),
      this.store.incr(k.ip, this.options.windowSeconds),
    ]);
  }

  /** A successful login clears the username's count (not the IP's). */
  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.store.del(this.keys(username, ip).user);
  }
}
