import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { precompress } from './precompress';

export type SpaFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

// Angular's production build names bundles with a content hash: those can be cached for ever.
const HASHED_ASSET = /-[A-Z0-9]{8}\.(js|css)(\.br|\.gz)?$/;

/**
 * Serves the built web app at `/` so that one port serves everything. Returns the fallback that
 * answers the app's own routes (e.g. a reload on /comuni) with index.html, or null when the web
 * app is not built.
 */
export async function serveWebApp(app: NestFastifyApplication, webDir: string): Promise<SpaFallback | null> {
  if (!existsSync(join(webDir, 'index.html'))) return null;
  // In the background: until a file's copies exist, it goes out uncompressed.
  const log = app.getHttpAdapter().getInstance().log;
  precompress(webDir).then(
    (written) => written > 0 && log.info(`Compressed ${written} copies of the web app's files`),
    (error: unknown) => log.warn({ err: error }, 'The web app is served uncompressed: its folder could not take compressed copies'),
  );
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    setHeaders: (reply: FastifyReply, path: string) => {
      void reply.header('cache-control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && extname(path) === '';
    if (!isPage || path === '/api' || path.startsWith('/api/')) return false;
    void reply.sendFile('index.html', webDir);
    return true;
  };
}
