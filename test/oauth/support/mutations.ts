import type { Facade } from '../../../rest-facade/app';

/** §7.6: expiring a Credential now (the compromise path) through the repository the Credentials API uses. */
export async function expireCredential(facade: Facade, credentialId: string) {
  const { repos, clock } = facade.context;
  const credential = (await repos.credentials.get(credentialId))!;
  await repos.credentials.put({ ...credential, client_secret_expires_at: Math.floor(clock() / 1000) }, credential);
}

export async function disableClient(facade: Facade, clientId: string) {
  const { repos } = facade.context;
  const client = (await repos.clients.get(clientId))!;
  await repos.clients.collection.put({ ...client, cds_status: 'disabled' }, client);
}

export async function closeGrant(facade: Facade, grantId: string) {
  const { repos } = facade.context;
  await repos.grants.update((await repos.grants.get(grantId))!, { status: 'closed', enabled_scope: '', enabled_authorization_details: [] });
}
