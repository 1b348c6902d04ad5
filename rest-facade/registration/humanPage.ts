import express, { Router } from 'express';
import type { FacadeContext } from '../app';
import { html, type SafeHtml } from '../consent/html';
import { HttpError } from '../errors';
import { developerPage } from '../metadata/page';
import { PATHS } from '../metadata/urls';
import { CLIENT_ADMIN_SCOPE, type RegistrationField } from '../scopes';
import { register } from './register';
import { wg1Services, type Wg1Services } from './services';

/** The formats a plain HTML form can carry; other fields need the registration endpoint. */
const FORM_FORMATS = new Set(['string', 'string_or_null', 'url', 'url_or_null', 'email', 'email_or_null', 'boolean', 'boolean_or_null', 'choice', 'choice_or_null']);

function fieldInput(field: RegistrationField): SafeHtml {
  const name = field.field_name!;
  const id = `rf-${field.id}`;
  if (field.format?.startsWith('boolean')) {
    return html`<label><input type="checkbox" name="${name}" value="true"> ${field.description}</label>`;
  }
  if (field.format?.startsWith('choice')) {
    return html`<label for="${id}">${field.description}</label><select id="${id}" name="${name}"><option value="">—</option>${(field.choices ?? []).map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select>`;
  }
  const type = field.format?.startsWith('url') ? 'url' : field.format?.startsWith('email') ? 'email' : 'text';
  return html`<label for="${id}">${field.description}</label><input id="${id}" type="${type}" name="${name}"${field.max_length ? html` maxlength="${field.max_length}"` : ''}>`;
}

function form(s: Wg1Services, error?: string): string {
  const scopes = s.scopes.all().filter((sd) => sd.id !== CLIENT_ADMIN_SCOPE);
  const fields = Object.values(s.scopes.publishedRegistrationFields()).filter((f) => f.type === 'registration_field' && FORM_FORMATS.has(f.format ?? ''));
  return developerPage('Register a Client', s.settings.server.name, html`
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<p>This form does what a POST to <code>${s.urls.registration}</code> does (cds-wg1-02 §4). Automated clients should use that endpoint.</p>
<form method="post" action="${PATHS.humanRegistration}">
<label for="client_name">Application name</label><input id="client_name" type="text" name="client_name" maxlength="200" required>
<label for="contacts">Contact email</label><input id="contacts" type="email" name="contacts">
<fieldset><legend>Scopes (Client Admin is always included)</legend>
${scopes.map((sd) => html`<label><input type="checkbox" name="scope" value="${sd.id}"> ${sd.name} <code>${sd.id}</code></label>`)}
</fieldset>
${fields.length ? html`<fieldset><legend>Registration fields (required by some scopes, see <a href="${s.urls.docs('registration')}">registration</a>)</legend>${fields.map(fieldInput)}</fieldset>` : ''}
<button type="submit">Register</button>
</form>`);
}

/** `cds_human_registration` (§3.2): a form for people; no captcha needed, none on the API (§11.4). */
export function createHumanRegistrationRouter(context: FacadeContext): Router {
  const services = wg1Services(context);
  const router = Router();
  router.get(PATHS.humanRegistration, (_req, res) => { res.type('html').send(form(services)); });
  router.post(PATHS.humanRegistration, express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }), async (req, res) => {
    const input = req.body as Record<string, string | string[]>;
    const list = (v: unknown) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []);
    const body: Record<string, unknown> = {
      scope: [CLIENT_ADMIN_SCOPE, ...list(input.scope)].join(' '),
      ...(input.client_name && { client_name: input.client_name }),
      ...(input.contacts && { contacts: list(input.contacts) }),
    };
    for (const field of Object.values(services.scopes.publishedRegistrationFields())) {
      const value = field.field_name ? input[field.field_name] : undefined;
      if (typeof value !== 'string' || value === '') continue;
      body[field.field_name!] = field.format?.startsWith('boolean') ? value === 'true' : value;
    }
    try {
      const result = await register(services, body);
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).type('html').send(developerPage('Registered', services.settings.server.name, html`
<p>Keep these now: the secret is shown only once.</p>
<dl><dt>client_id</dt><dd><code>${result.body.client_id}</code></dd><dt>client_secret</dt><dd><code>${result.body.client_secret}</code></dd></dl>
<p>Use them at <code>${services.urls.token}</code> with <code>grant_type=client_credentials&amp;scope=cds_client_admin</code>, then manage your
Client Objects on <code>${services.urls.clientsApi}</code>.</p>`));
    } catch (err) {
      if (!(err instanceof HttpError) || err.status !== 400) throw err;
      res.status(400).type('html').send(form(services, err.description));
    }
  });
  return router;
}
