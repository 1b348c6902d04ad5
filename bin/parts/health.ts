import type { RequestHandler } from 'express';
import type { Service } from '../../lib/config';
import type { Store } from '../../rest-facade/store';

/** `GET /healthz`: 200 while this process serves and (when it has one) reaches its store, 503 otherwise. */
export function healthz(service: Service, store?: Store): RequestHandler {
  return async (_req, res) => {
    const ok = store ? await store.ping() : true;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', service, ...(store && { store: store.kind }) });
  };
}
