import type { Request, Response } from 'express';
import type { Branding } from '../branding';
import { sendPage } from '../respond';
import { messagePage } from '../views/messagePages';
import { CSRF_FIELD } from '../views/parts';
import { sameToken, type Session, type Sessions } from './sessions';

/**
 * Every POST of the customer pages carries the session's synchronizer token (SameSite=Lax alone
 * does not cover same-site attackers or older browsers). A POST without a live session or with a
 * wrong token is refused with 403 and changes nothing.
 */
export async function sessionForPost(sessions: Sessions, branding: Branding, req: Request, res: Response): Promise<Session | null> {
  const session = await sessions.load(req);
  const token = typeof req.body?.[CSRF_FIELD] === 'string' ? req.body[CSRF_FIELD] : undefined;
  if (session && sameToken(session.csrf, token)) return session;
  sendPage(res, 403, messagePage({
    title: 'This page has expired',
    message: 'For your security this form can no longer be sent. Please go back, reload the page and try again.',
    page: 'csrf-error',
    tone: 'warn',
  }, branding));
  return null;
}
