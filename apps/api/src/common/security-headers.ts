import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Helmet's policy for every answer: the web app's Content-Security-Policy (scripts strictly
 * same-origin; Angular and Bootstrap Italia set inline styles), no framing at all, no referrer
 * leak, HSTS in production.
 */
export function securityHeaderOptions(production: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The same as frame-ancestors 'none', for browsers that only know the older header.
    frameguard: { action: 'deny' },
    hsts: production,
  };
}

/**
 * The headers helmet sets with these options. They depend on nothing in the request, so they are
 * worked out once: @fastify/helmet builds helmet's whole middleware chain again for every request
 * (its directives parsed each time), which cost the API ~2 % of its CPU per request.
 */
export function securityHeaders(options: HelmetOptions): [string, string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let failure: unknown = null;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => (failure = error ?? null));
  if (failure) throw failure;
  return [...headers];
}

/** Sets the security headers on every answer, before any route, static file or error handler runs. */
export function registerSecurityHeaders(fastify: FastifyInstance, production: boolean): void {
  const headers = securityHeaders(securityHeaderOptions(production));
  fastify.addHook('onRequest', (_request, reply, done) => {
    // On the raw response, as helmet does: answers written past Fastify's reply keep them too.
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
