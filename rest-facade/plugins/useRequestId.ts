import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's id: the caller's `X-Request-Id` when it is sane, else a new UUID. */
    id: string;
  }
}

/** Ids a caller may choose: short and free of anything that could forge a log line or a header. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

export function useRequestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    req.id = given && ACCEPTABLE.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    next();
  };
}
