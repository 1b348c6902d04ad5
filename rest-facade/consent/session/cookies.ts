import type { Request, Response } from 'express';

/** Reads one cookie from the request header (no cookie-parser middleware needed for one name). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  /** Lifetime in seconds; 0 deletes the cookie. Omitted = browser-session cookie. */
  maxAge?: number;
}

/** HttpOnly, SameSite=Lax, path=/ (the session is shared by the form, login and receipt pages). */
export function writeCookie(res: Response, name: string, value: string, o: CookieOptions): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (o.secure) parts.push('Secure');
  if (o.maxAge !== undefined) parts.push(`Max-Age=${o.maxAge}`);
  res.append('Set-Cookie', parts.join('; '));
}
