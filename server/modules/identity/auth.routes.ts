/**
 * Sign-up of the first owner, login with lockout and optional TOTP, logout, the session payload,
 * and password reset by e-mail. Routes stay thin: validate → command → present.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  loginBodySchema, loginResultSchema, meSchema, passwordResetRequestSchema, passwordResetSchema, setupStatusSchema,
  signupBodySchema, totpBodySchema,
} from '../../../common/schemas/auth.ts';
import { okSchema } from '../../../common/schemas/common.ts';
import { csrfTokenFor, principalOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { loadMe } from './me.ts';
import { endSession, startSession } from './session.service.ts';
import { completeTotp, login, needsSetup, requestPasswordReset, resetPassword, signupFirstOwner } from './auth.service.ts';


export function registerAuthRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  // Per client IP, on top of the per-account lockout.
  const LOGIN_RATE = { max: ctx.config.AUTH_RATE_LIMIT_PER_MIN, timeWindow: '1 minute' };

  app.get('/api/v1/auth/setup', { config: { access: { public: true } }, schema: { tags, response: { 200: setupStatusSchema } } }, async () => ({
    needsSetup: await needsSetup(ctx),
    devMailbox: ctx.mailer.devMailbox && ctx.config.NODE_ENV !== 'production',
  }));

  app.post(
    '/api/v1/auth/signup',
    { config: { access: { public: true }, rateLimit: LOGIN_RATE }, schema: { tags, body: signupBodySchema, response: { 201: loginResultSchema } } },
    async (req, reply) => {
      const userId = await signupFirstOwner(ctx, req, req.body);
      const idHash = await startSession(ctx, req, reply, userId, false);
      return reply.code(201).send({ status: 'ok' as const, csrfToken: csrfTokenFor(ctx, idHash) });
    },
  );

  app.post(
    '/api/v1/auth/login',
    { config: { access: { public: true }, rateLimit: LOGIN_RATE }, schema: { tags, body: loginBodySchema, response: { 200: loginResultSchema } } },
    async (req, reply) => {
      const user = await login(ctx, req, req.body.email, req.body.password);
      const idHash = await startSession(ctx, req, reply, user.id, user.totpEnabled);
      return { status: user.totpEnabled ? ('totp_required' as const) : ('ok' as const), csrfToken: csrfTokenFor(ctx, idHash) };
    },
  );

  app.post(
    '/api/v1/auth/totp',
    { config: { access: { user: true, pendingTotp: true }, rateLimit: LOGIN_RATE }, schema: { tags, body: totpBodySchema, response: { 200: loginResultSchema } } },
    async (req, reply) => {
      const p = principalOf(req);
      await completeTotp(ctx, req, p.userId, req.body.code);
      const idHash = await startSession(ctx, req, reply, p.userId, false);
      return { status: 'ok' as const, csrfToken: csrfTokenFor(ctx, idHash) };
    },
  );

  app.post('/api/v1/auth/logout', { config: { access: { user: true, pendingTotp: true } }, schema: { tags, response: { 200: okSchema } } }, async (req, reply) => {
    await endSession(ctx, req, reply);
    return { ok: true as const };
  });

  app.get('/api/v1/auth/me', { config: { access: { user: true } }, schema: { tags, response: { 200: meSchema } } }, async (req) => loadMe(ctx, principalOf(req)));

  app.post(
    '/api/v1/auth/password-reset/request',
    { config: { access: { public: true }, rateLimit: LOGIN_RATE }, schema: { tags, body: passwordResetRequestSchema, response: { 202: okSchema } } },
    async (req, reply) => {
      // Same answer whether or not the address exists: no account enumeration.
      await requestPasswordReset(ctx, req, req.body.email);
      return reply.code(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    { config: { access: { public: true }, rateLimit: LOGIN_RATE }, schema: { tags, body: passwordResetSchema, response: { 200: okSchema } } },
    async (req) => {
      await resetPassword(ctx, req, req.body.token, req.body.password);
      return { ok: true as const };
    },
  );

  app.get('/api/v1/auth/csrf', { config: { access: { user: true, pendingTotp: true } }, schema: { tags, response: { 200: z.object({ csrfToken: z.string() }) } } }, async (req) => {
    const p = principalOf(req);
    return { csrfToken: p.sessionIdHash ? csrfTokenFor(ctx, p.sessionIdHash) : '' };
  });
}
