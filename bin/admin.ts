import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';

/**
 * `npm run admin -- <command> [args]`: the operator's CLI over the admin API (HTTP, bearer
 * ADMIN_API_TOKEN). ADMIN_URL defaults to PUBLIC_URL, else http://localhost:$PORT.
 */
const USAGE = `usage: npm run admin -- <command> [args]

  registrations                                list registrations, newest first
  registration <registration_id>               Clients, Grants and open requests of one registration
  show <message_id>                            one Message in full (attachments included)
  approve <message_id> [note]                  complete a request (production_request → production Client)
  reject <message_id> <reason>                 reject a request (the reason is shown to the Client)
  update <message_id> <status> [note]          any other status: pending, errored, complete, rejected
  receipt <message_id> <receipt_url>           complete a payment_request with its receipt
  production <client_id>                       approve a sandbox Client for production
  message <registration_id> <subject> <body>   a private message to one registration
  request <registration_id> <field> <name> <description>   ask for a client_submission (server_request)
  notify <subject> <body>                      a notification to every registration
  disable <client_id> [reason]                 disable a Client Object (its secrets expire now)
  grant <client_id> <scope> [authorization_details_json]   a Server-created Grant
  grant-status <grant_id> <status> <reason>    e.g. disabled, suspended, active
  upload <path> [mime_type] [description]      a Server-Provided File
  share <file_id> <client_id>                  list the file in the Client's files Grant
  files                                        every uploaded file

environment: ADMIN_API_TOKEN (required), ADMIN_URL or PUBLIC_URL or PORT`;

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf', '.json': 'application/json', '.txt': 'text/plain', '.csv': 'text/csv',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.zip': 'application/zip', '.pem': 'application/x-pem-file',
};

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const token = process.env.ADMIN_API_TOKEN;
  if (!token) throw new UsageError('ADMIN_API_TOKEN is not set');
  const base = (process.env.ADMIN_URL ?? process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 8080}`).replace(/\/$/, '');
  const [command, ...args] = argv;
  const need = (n: number) => { if (args.length < n) throw new UsageError(USAGE); };

  async function api(method: string, path: string, body?: unknown): Promise<void> {
    const res = await fetch(`${base}/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let shown = text;
    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch { /* not JSON */ }
    process.stdout.write(`${shown}\n`);
    if (!res.ok) process.exitCode = 1;
  }

  switch (command) {
    case 'registrations': return api('GET', '/registrations');
    case 'registration': need(1); return api('GET', `/registrations/${args[0]}`);
    case 'show': need(1); return api('GET', `/messages/${args[0]}`);
    case 'approve': need(1); return api('POST', `/messages/${args[0]}/resolve`, { status: 'complete', ...(args[1] && { description: args[1] }) });
    case 'reject': need(2); return api('POST', `/messages/${args[0]}/resolve`, { status: 'rejected', description: args[1] });
    case 'update': need(2); return api('POST', `/messages/${args[0]}/resolve`, { status: args[1], ...(args[2] && { description: args[2] }) });
    case 'receipt': need(2); return api('POST', `/messages/${args[0]}/resolve`, { status: 'complete', related_uri: args[1], related_type: 'payment_receipt' });
    case 'production': need(1); return api('POST', `/clients/${args[0]}/production`);
    case 'message': need(3); return api('POST', `/registrations/${args[0]}/messages`, { type: 'private_message', name: args[1], description: args[2] });
    case 'request': need(4); return api('POST', `/registrations/${args[0]}/messages`, {
      type: 'server_request', name: args[2], description: args[3], updates_requested: [{ field: args[1], name: args[2], description: args[3] }],
    });
    case 'notify': need(2); return api('POST', '/notifications', { name: args[0], description: args[1] });
    case 'disable': need(1); return api('POST', `/clients/${args[0]}/disable`, args[1] ? { reason: args[1] } : {});
    case 'grant': need(2); return api('POST', '/grants', { client_id: args[0], scope: args[1], authorization_details: args[2] ? JSON.parse(args[2]) : [] });
    case 'grant-status': need(3); return api('POST', `/grants/${args[0]}/status`, { status: args[1], reason: args[2] });
    case 'upload': {
      need(1);
      const data = readFileSync(args[0]);
      return api('POST', '/files', {
        name: basename(args[0]), mime_type: args[1] ?? MIME[extname(args[0]).toLowerCase()] ?? 'application/octet-stream',
        ...(args[2] && { description: args[2] }), data: data.toString('base64'),
      });
    }
    case 'share': need(2); return api('POST', `/files/${args[0]}/share`, { client_id: args[1] });
    case 'files': return api('GET', '/files');
    default: throw new UsageError(USAGE);
  }
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`${err instanceof UsageError ? err.message : err?.stack ?? err}\n`);
  process.exit(2);
});
