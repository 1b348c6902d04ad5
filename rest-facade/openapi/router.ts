import { Router } from 'express';
import { openApi } from './default';
import type { DocumentOptions, OpenApiRegistry } from './registry';

/** Serves the generated document at `GET /openapi.json`. */
export function openApiRouter(options: DocumentOptions = {}, registry: OpenApiRegistry = openApi): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(registry.document(options));
  });
  return router;
}
