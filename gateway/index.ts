export { createGateway, type Gateway } from './createGateway';
export { requireInternalToken } from './auth';
export { loadSupergraph, placeholderUrl } from './supergraph';
