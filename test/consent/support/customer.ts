import { expect } from 'vitest';
import { call, cookieFrom, hiddenValue, type Reply } from './http';

const SESSION = 'cds_consent_session';

/** A browser-less customer: follows redirects by hand and keeps the session cookie. */
export class Customer {
  cookie?: string;

  constructor(private readonly baseUrl: string) {}

  async get(path: string): Promise<Reply> {
    const reply = await call('GET', path.startsWith('http') ? path : `${this.baseUrl}${path}`, { cookie: this.cookie });
    this.cookie = cookieFrom(reply, SESSION) ?? this.cookie;
    return reply;
  }

  async post(path: string, form: Record<string, string | string[]>): Promise<Reply> {
    const reply = await call('POST', `${this.baseUrl}${path}`, { cookie: this.cookie, form });
    this.cookie = cookieFrom(reply, SESSION) ?? this.cookie;
    return reply;
  }

  /** Opens an authorization URL and signs in; returns the hand-off path and the sign-in answer. */
  async signIn(authorizationUrl: string, who: { username: string; password: string }) {
    const handoff = await this.get(authorizationUrl);
    const requestPath = handoff.headers.get('location')!;
    const toLogin = await this.get(requestPath);
    const login = await this.get(toLogin.headers.get('location')!);
    expect(login.status).toBe(200);
    const signedIn = await this.post('/consent/login', {
      csrf_token: hiddenValue(login.text, 'csrf_token')!, request: requestPath.split('/').pop()!,
      username: who.username, password: who.password, action: 'login',
    });
    return { requestPath, signedIn };
  }
}
