import type { Express } from 'express';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../lib/config';

export interface Listening {
  /** The URL to print. */
  url: string;
  /** How this process reaches itself. */
  internalUrl: string;
  close(): Promise<void>;
}

/** Serves `app` on `PORT`/`HOST`; rejects when the port cannot be taken. */
export async function listen(app: Express, config: Pick<Config, 'PORT' | 'HOST'>): Promise<Listening> {
  const server = app.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const everywhere = ['0.0.0.0', '::'].includes(config.HOST);
  return {
    url: `http://localhost:${port}`,
    internalUrl: `http://${everywhere ? '127.0.0.1' : config.HOST}:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections of load balancers and clients would otherwise hold the shutdown.
      server.closeIdleConnections();
    }),
  };
}
