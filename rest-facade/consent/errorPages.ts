import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../../lib/logger';
import { HttpError, isStoreOutage } from '../errors';
import type { Branding } from './branding';
import { sendPage } from './respond';
import { messagePage } from './views/messagePages';

/**
 * Errors on the customer pages are pages, not JSON: a system that is down (the graph, a legacy
 * system, the store) is a 503 "try again" page; anything unexpected is logged and shown as a
 * plain apology without details.
 */
export function consentErrorPages(branding: Branding, log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const outage = isStoreOutage(err) || (err instanceof HttpError && err.status === 503);
    if (outage) {
      res.setHeader('Retry-After', '5');
      return sendPage(res, 503, messagePage({
        title: 'Please try again in a moment',
        message: 'Some of our systems are busy or being maintained right now, so this page cannot be shown. Nothing was shared. Please reload the page in a minute.',
        page: 'unavailable', tone: 'warn', heading: 'Temporarily unavailable',
      }, branding));
    }
    // HttpErrors carry a description meant for the user; body-parser errors (413, 400) only a status.
    const status = err instanceof HttpError ? err.status : typeof err?.status === 'number' ? err.status : 500;
    if (status >= 400 && status < 500) {
      const message = err instanceof HttpError ? err.description : 'The form could not be read. Please go back, reload the page and try again.';
      return sendPage(res, status, messagePage({ title: 'This request cannot be completed', message, page: 'request-error', tone: 'warn' }, branding));
    }
    ((req as { log?: Logger }).log ?? log).error({ err }, 'consent page failed');
    sendPage(res, 500, messagePage({
      title: 'Something went wrong', message: 'We could not show this page. Nothing was shared. Please try again later.', page: 'server-error', tone: 'warn',
    }, branding));
  };
}
