import { Router } from 'express';
import type { FacadeContext } from '../app';
import { html, type SafeHtml } from '../consent/html';
import { notFound } from '../errors';
import { wg1Services, type Wg1Services } from '../registration/services';
import type { DocumentationPage, DocumentationSection } from '../scopes';
import { PATHS } from './urls';
import { developerPage } from './page';

/**
 * The pages the metadata links to (01§8.1: linked resources are as public as the metadata):
 * documentation generated from the same registry and settings the metadata is built from.
 */
function pages(s: Wg1Services): Record<string, { title: string; body: () => SafeHtml }> {
  const { settings, urls, scopes } = s;
  return {
    about: {
      title: 'About',
      body: () => html`<p>${settings.server.description}</p><p>Discovery starts at <a href="${urls.serverMetadata}"><code>${urls.serverMetadata}</code></a>.</p>`,
    },
    oauth: {
      title: 'OAuth and the management APIs',
      body: () => html`<p>This Server implements cds-wg1-01 and cds-wg1-02. Every URL below is also in the
<a href="${urls.oauthMetadata}">Authorization Server Metadata</a>; read it from there.</p>
<table><tr><th>What</th><th>URL</th></tr>${[
  ['Registration (RFC 7591, open)', urls.registration], ['Token', urls.token], ['Pushed authorization requests', urls.par],
  ['Authorization', urls.authorize], ['Revocation', urls.revocation], ['Introspection', urls.introspection],
  ['Clients API', urls.clientsApi], ['Messages API', urls.messagesApi], ['Credentials API', urls.credentialsApi],
  ['Grants API', urls.grantsApi], ['Server-Provided Files API', urls.filesApi],
].map(([what, url]) => html`<tr><td>${what}</td><td><code>${url}</code></td></tr>`)}</table>
<p>Listings return at most ${s.pageSize} items per page; <code>next</code> and <code>previous</code> keep your filters.
Relative dates are resolved in <code>${s.config.CDS_TIMEZONE}</code>.</p>`,
    },
    scopes: {
      title: 'Scopes',
      body: () => html`${scopes.all().map((sd) => html`<section id="${sd.id}"><h2>${sd.name} <code>${sd.id}</code></h2>
<p>${sd.description}</p><p>Type <code>${sd.type}</code>; grant types ${sd.grant_types_supported.join(', ') || 'none (the Server creates these Grants)'}.
${sd.grant_admin_scope ? html`Grant Admin access through <code>${sd.grant_admin_scope}</code>.` : ''}</p>
${sd.authorization_details_fields_supported.map((f) => html`<p id="${sd.id}-${f.id}"><code>${f.id}</code> (${f.format}${f.is_required ? ', required' : ''}): ${f.description}</p>`)}
</section>`)}`,
    },
    registration: {
      title: 'Registration',
      body: () => html`<p>Register by POSTing your client metadata with a <code>scope</code> that includes <code>cds_client_admin</code>
to <code>${urls.registration}</code>, or with the <a href="${urls.humanRegistration}">registration form</a>. The response is your
Client Admin Client Object and its secret; the other Client Objects are on the Clients API, and each of their secrets is shown once,
on the first read of the Credentials API. Code-flow Client Objects start in the sandbox, where only
<a href="${urls.testAccounts}">test accounts</a> can authorize. Production access is a new Client Object, created when a
<code>production_request</code> Message is approved.</p>
<p>Client Objects also show the registration fields you submitted (for example <code>cds_company_name</code>), under their field names.</p>
${Object.values(scopes.publishedRegistrationFields()).map((f) => html`<section id="${f.id}"><h2><code>${f.id}</code> (${f.type})</h2><p>${f.description}</p>
${f.field_name ? html`<p>Submit as <code>${f.field_name}</code>, format <code>${f.format}</code>.</p>` : ''}
${f.amount ? html`<p>Fee: ${f.amount} ${f.currency}.</p>` : ''}</section>`)}`,
    },
    support: {
      title: 'Support',
      body: () => html`<p>Send a <code>support_request</code> Message on the <a href="${urls.messagesApi}">Messages API</a>; every answer comes back as a Message.</p>`,
    },
    policy: {
      title: 'Client policy',
      body: () => html`<p>Clients use customer data only for the purposes customers approved, keep secrets confidential, rotate a leaked
secret at once through the Credentials API, and answer the Server's requests on the Messages API.</p>`,
    },
    terms: {
      title: 'Terms of use',
      body: () => html`<p>Access may be suspended for misuse. Sandbox data is synthetic. The Server announces changes as notifications on the Messages API.</p>`,
    },
  };
}

function heading(level: number, id: string, title: string): SafeHtml {
  if (level === 2) return html`<h2 id="${id}">${title}</h2>`;
  return level === 3 ? html`<h3 id="${id}">${title}</h3>` : html`<h4 id="${id}">${title}</h4>`;
}

/** A scope provider's page section: headings nest (h2, h3, h4), every section carries its anchor. */
function section(s: DocumentationSection, level: number): SafeHtml {
  const [head, ...rows] = s.table ?? [];
  return html`<section>${heading(level, s.id, s.title)}
${(s.text ?? []).map((p) => html`<p>${p}</p>`)}
${head ? html`<table><tr>${head.map((c) => html`<th>${c}</th>`)}</tr>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</table>` : ''}
${s.json === undefined ? '' : html`<pre><code>${JSON.stringify(s.json, null, 2)}</code></pre>`}
${s.links?.length ? html`<ul>${s.links.map(([label, url]) => html`<li><a href="${url}">${label}</a></li>`)}</ul>` : ''}
${(s.sections ?? []).map((child) => section(child, level + 1))}</section>`;
}

function providerPage(page: DocumentationPage): SafeHtml {
  return html`${page.intro.map((p) => html`<p>${p}</p>`)}${page.sections.map((s) => section(s, 2))}`;
}

export function createDocsRouter(context: FacadeContext): Router {
  const services = wg1Services(context);
  const all = pages(services);
  const provided = services.scopes.documentationPages();
  const name = services.settings.server.name;
  const router = Router();
  router.get(PATHS.docs, (_req, res) => {
    res.type('html').send(developerPage('Developer documentation', name, html`<ul>
${Object.entries(all).map(([page, p]) => html`<li><a href="${services.urls.docs(page)}">${p.title}</a></li>`)}
${provided.map((p) => html`<li><a href="${services.urls.base}${p.path}">${p.title}</a></li>`)}</ul>`));
  });
  // Provider pages first: their paths may sit where `/docs/:page` would match.
  for (const page of provided) {
    router.get(page.path, (_req, res) => { res.type('html').send(developerPage(page.title, name, providerPage(page))); });
  }
  router.get(`${PATHS.docs}/:page`, (req, res) => {
    const page = all[String(req.params.page)];
    if (!page || !Object.hasOwn(all, String(req.params.page))) throw notFound('no such page');
    res.type('html').send(developerPage(page.title, name, page.body()));
  });
  return router;
}
