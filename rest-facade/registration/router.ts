import { Router } from 'express';
import type { FacadeContext } from '../app';
import { HttpError } from '../errors';
import { sendExactJson } from '../json';
import { PATHS } from '../metadata/urls';
import { jsonApiBody } from './http';
import { createHumanRegistrationRouter } from './humanPage';
import { register } from './register';
import { wg1Services } from './services';

/** `POST registration_endpoint` (cds-wg1-02 §4, RFC 7591): open, no initial access token (§11.2). */
export function createRegistrationRouter(context: FacadeContext): Router {
  const services = wg1Services(context);
  const router = Router();
  router.use(PATHS.registration, jsonApiBody(context.config.BODY_LIMIT_BYTES));
  router.post(PATHS.registration, async (req, res) => {
    const result = await register(services, req.body);
    // RFC 7591 §3.2.1: the response carries a secret, so it must not be cached.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    sendExactJson(res, result.status, result.body);
  });
  // The endpoint exists for every method; only POST registers (RFC 7591 §3.1).
  router.all(PATHS.registration, () => { throw new HttpError(405, 'invalid_request', 'use POST', { Allow: 'POST' }); });
  router.use(createHumanRegistrationRouter(context));
  return router;
}
