import pino from 'pino';

/** Structured logs; credentials and cookies are redacted wherever they appear. */
export function createLogger(level: string) {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.secret', '*.appPassword'],
      censor: '[redacted]',
    },
  });
}
