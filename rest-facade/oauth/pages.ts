import type { Response } from 'express';

/**
 * The pages the authorization endpoint itself must show (cds-wg3-01 §9.3.2 Invalid Request Error,
 * §9.3.3 Default Redirect Error). The consent pages supply branded ones; these plain ones are the
 * fallback so the endpoint is correct on its own.
 */
export interface AuthorizationPages {
  invalidRequest(res: Response, problem: { error: string; description: string }): void;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function plainPage(res: Response, status: number, title: string, paragraphs: string[]) {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store');
  res.send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>`
    + '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
    + `<body><main><h1>${escape(title)}</h1>${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</main></body></html>`);
}

export const plainAuthorizationPages: AuthorizationPages = {
  invalidRequest(res, problem) {
    plainPage(res, 400, 'This authorization link does not work', [
      'The link that brought you here is missing information or has information we cannot accept, so the request cannot be completed.',
      'Please contact the website or app that gave you this link and let them know the link is not valid.',
      `Technical details: ${problem.error}: ${problem.description}`,
    ]);
  },
};

/**
 * What `/authorize/<request id>` shows until the consent pages are mounted: an honest statement
 * that customer consent cannot be given on this deployment yet.
 */
export function consentPagesMissing(res: Response) {
  plainPage(res, 503, 'Consent pages are not installed', [
    'This server received a valid authorization request, but the pages where a customer signs in and approves or declines it are not installed on this deployment.',
    'No access has been granted. Please contact the website or app that sent you here.',
  ]);
}
