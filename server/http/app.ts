/**
 * Builds the HTTP server: one Fastify instance serving the REST API (/api/v1), its OpenAPI
 * document (/api/openapi.json, /api/docs), health and metrics, the dev mailbox, and the built
 * web app. Modules contribute routes through `register*Routes(app, ctx)`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { LIMITS } from '../../common/limits.ts';
import { registerAuditRoutes } from '../modules/audit/audit.routes.ts';
import { registerHealthRoutes } from '../modules/health/health.routes.ts';
import { registerAuthRoutes } from '../modules/identity/auth.routes.ts';
import { registerProfileRoutes } from '../modules/identity/profile.routes.ts';
import { registerTokenRoutes } from '../modules/identity/token.routes.ts';
import { registerDevMailboxRoutes } from '../modules/mail/mailbox.routes.ts';
import { registerWorkspaceRoutes } from '../modules/workspaces/workspace.routes.ts';
import { registerPublishingRoutes } from '../modules/publishing/publishing.routes.ts';
import { registerListeningRoutes } from '../modules/listening/listening.routes.ts';
import { registerTeamRoutes } from '../modules/workspaces/team.routes.ts';
import { registerStrategyRoutes } from '../modules/strategy/strategy.routes.ts';
import { registerReportingRoutes } from '../modules/reporting/reporting.routes.ts';
import { registerEnablementRoutes } from '../modules/enablement/enablement.routes.ts';
import { registerNotificationRoutes } from '../modules/notifications/notifications.routes.ts';
import { registerEventRoutes } from '../modules/realtime/events.routes.ts';
import { registerCalendarFeedRoutes } from '../modules/calendar-feeds/calendar-feeds.routes.ts';
import { registerRosterRoutes } from '../modules/roster/roster.routes.ts';
import { registerSlaRoutes } from '../modules/sla/sla.routes.ts';
import { registerModerationRoutes } from '../modules/moderation/moderation.routes.ts';
import { registerPrivacyRoutes } from '../modules/privacy/privacy.routes.ts';
import { registerInboxRoutes } from '../modules/inbox/inbox.routes.ts';
import { registerCrisisRoutes } from '../modules/crisis/crisis.module.ts';
import { registerAccess } from './access.ts';
import type { AppContext } from './context.ts';
import { HttpError, problemBody, sendFrameworkError, validationErrors } from './errors.ts';
import { registerInputGuard } from './input-guard.ts';
import { registerIdempotency } from './idempotency.ts';
import { httpMetrics } from './metrics.ts';

export type App = FastifyInstance;
export const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: opts.logger === false ? undefined : ctx.log,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    trustProxy: ctx.config.TRUST_PROXY,
    bodyLimit: LIMITS.bodyBytes,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: sendFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(fastifyCookie);
  // helmet's middleware is built once here: @fastify/helmet built it (parsing the CSP) on every
  // request, about 5 % of the server's CPU under the inbox benchmark.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets inline style attributes; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: ctx.config.secure ? [] : null,
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: ctx.config.secure,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  await app.register(fastifyRateLimit, { global: false });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Resonanz API', version: '1', description: 'REST API of Resonanz. Errors are RFC 9457 problem+json.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token' },
          session: { type: 'apiKey', in: 'cookie', name: 'rz_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.setErrorHandler((err, req, reply) => {
    const send = (status: number, code: string, detail: string, errors?: { path: string; message: string }[]) =>
      reply.code(status).type('application/problem+json').send(problemBody(status, code, detail, req.url, errors));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      return send(400, 'validation_failed', 'The request is not valid.', validationErrors(err.validation, where));
    }
    if (err instanceof HttpError) {
      if (err.headers) reply.headers(err.headers);
      return send(err.status, err.code, err.message, err.errors);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(500, 'internal_error', 'Something went wrong on our side. The error was logged with the request id.');
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.statusCode === 429) return send(429, 'too_many_requests', 'Too many requests. Wait a moment and try again.');
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      const code = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body_too_large' : e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : 'bad_request';
      return send(e.statusCode, code, e.message);
    }
    req.log.error({ err }, 'unhandled error');
    return send(500, 'internal_error', 'Something went wrong on our side. The error was logged with the request id.');
  });

  httpMetrics(app);
  registerInputGuard(app);
  registerAccess(app, ctx);
  registerIdempotency(app, ctx);

  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerProfileRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
  registerWorkspaceRoutes(app, ctx);
  registerTeamRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerStrategyRoutes(app, ctx);
  registerReportingRoutes(app, ctx);
  registerEnablementRoutes(app, ctx);
  registerPublishingRoutes(app, ctx);
  registerListeningRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerCalendarFeedRoutes(app, ctx);
  registerRosterRoutes(app, ctx);
  registerSlaRoutes(app, ctx);
  registerModerationRoutes(app, ctx);
  registerPrivacyRoutes(app, ctx);
  registerInboxRoutes(app, ctx);
  registerCrisisRoutes(app, ctx);
  registerDevMailboxRoutes(app, ctx);

  const hasWeb = existsSync(`${webDist}/index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || req.method !== 'GET' || !hasWeb) {
      return reply.code(404).type('application/problem+json').send(problemBody(404, 'not_found', `No route ${req.method} ${path}.`, req.url));
    }
    // The SPA owns every other GET path (client-side routing).
    return reply.sendFile('index.html');
  });
  return app;
}
