import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web dashboard (contract §9) at `/`: the production build in `dashboard/dist`, made by
 * `npm run build:dashboard` (run by `npm install`). It is a separate app that only calls the JSON
 * API; this file only serves its files. Any other path that is not the API's answers with
 * `index.html`, so the dashboard's own URLs (`/logs`, `/users/alice`) survive a reload.
 */

const defaultDistDirectory = fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));

/**
 * The dashboard loads only its own script, styles and data: no inline script, no third-party
 * origin, no framing. Inline `style` attributes are not needed either: React and the chart
 * library set styles through the CSSOM, which `style-src` does not govern.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

export async function registerDashboardRoutes(app: FastifyInstance, options: { distDirectory?: string } = {}): Promise<void> {
  const distDirectory = options.distDirectory ?? defaultDistDirectory;
  if (!existsSync(join(distDirectory, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The dashboard is not built. Run `npm run build:dashboard` (npm install does it), then restart the gateway.\n'),
    );
    return;
  }

  // Vite names every asset after its content hash: a changed file is a new URL, so cache forever.
  await app.register(fastifyStatic, {
    root: join(distDirectory, 'assets'),
    prefix: '/assets/',
    maxAge: '365d',
    immutable: true,
    index: false,
    setHeaders: (response) => {
      response.headers(securityHeaders);
    },
  });

  // The few files beside index.html (the favicon), read once: the build does not change under a running gateway.
  const rootFiles = new Set(readdirSync(distDirectory, { withFileTypes: true }).filter((entry) => entry.isFile() && entry.name !== 'index.html').map((entry) => entry.name));

  const serveIndex = (reply: FastifyReply) =>
    reply.headers({ ...securityHeaders, 'cache-control': 'no-cache' }).sendFile('index.html', distDirectory, { cacheControl: false });

  const serveDashboardPath = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    // Unknown API routes, and missing files, keep the gateway's JSON 404.
    if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
    const name = path.slice(1);
    if (rootFiles.has(name)) return reply.headers(securityHeaders).sendFile(name, distDirectory, { maxAge: '1d', immutable: false });
    if (/\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
    return serveIndex(reply);
  };

  app.get('/', async (_request, reply) => serveIndex(reply));
  app.get('/*', serveDashboardPath);
}
