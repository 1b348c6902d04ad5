/**
 * The OAuth authorize endpoint validates the request (§9.1.1), stores it and sends the browser to
 * `/authorize/<request id>`, which the consent pages serve (the OAuth side's hand-off route).
 */
export const HANDOFF_PATH = '/authorize';

export const handoffPath = (requestId: string) => `${HANDOFF_PATH}/${encodeURIComponent(requestId)}`;
