import { ClientRepository } from '../clients/repository';
import { CredentialRepository } from '../credentials/repository';
import { FileRepository } from '../files/repository';
import { GrantRepository } from '../grants/repository';
import { MessageRepository } from '../messages/repository';
import type { Store } from '../store';
import { systemClock, type Clock } from './clock';
import { RegistrationRepository } from './repository';

/** Every cds-wg1-02 repository over one Store (stateless: build as many as you like). */
export interface Wg1Repositories {
  store: Store;
  clock: Clock;
  registrations: RegistrationRepository;
  clients: ClientRepository;
  credentials: CredentialRepository;
  grants: GrantRepository;
  messages: MessageRepository;
  files: FileRepository;
}

export function createWg1Repositories(store: Store, clock: Clock = systemClock): Wg1Repositories {
  const clients = new ClientRepository(store);
  return {
    store,
    clock,
    registrations: new RegistrationRepository(store),
    clients,
    credentials: new CredentialRepository(store, clock, clients),
    grants: new GrantRepository(store, clock),
    messages: new MessageRepository(store, clock),
    files: new FileRepository(store, clock),
  };
}
