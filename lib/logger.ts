import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs; secrets are redacted wherever they may appear in a logged object. */
export function createLogger(level: string, name = 'cds-gateway'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'req.headers.authorization', 'req.headers.cookie', '*.client_secret', 'client_secret',
        '*.password', 'password', '*.access_token', '*.refresh_token', '*.code',
      ],
      censor: '[redacted]',
    },
  });
}
