import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The dashboard's pages may talk to this server only: scripts, styles, audio, sockets. Inline
 * styles are allowed for the charting and waveform libraries, which set positions inline.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** The built dashboard: web/dist under the package root, wherever this file runs from. */
export function defaultDashboardDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return join(directory, 'web', 'dist');
}

/**
 * Serves the built dashboard: files by path (hashed assets cached for a year), and index.html for
 * every other page path, so deep links work. API paths are never answered here.
 */
export function createDashboardRoutes(directory: string): Hono {
  const app = new Hono();
  const root = normalize(directory) + sep;
  app.get('*', async (context) => {
    const path = context.req.path;
    if (path.startsWith('/v1/') || path === '/v1') return context.notFound();
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return context.notFound();
    }
    const candidate = normalize(join(directory, decoded));
    if (candidate.startsWith(root) && (await isFile(candidate))) {
      const immutable = path.startsWith('/assets/');
      return new Response(await readFile(candidate), {
        headers: {
          ...SECURITY_HEADERS,
          'content-type': CONTENT_TYPES[extname(candidate)] ?? 'application/octet-stream',
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        },
      });
    }
    // A missing asset is a 404; any other path is a page of the single-page app.
    if (path.startsWith('/assets/') || extname(path) !== '') return context.notFound();
    const index = join(directory, 'index.html');
    if (!(await isFile(index))) {
      return context.text(
        'The dashboard is not built. Run `npm run build:web` (npm install does it), then reload.',
        503,
      );
    }
    return new Response(await readFile(index), {
      headers: {
        ...SECURITY_HEADERS,
        'content-type': CONTENT_TYPES['.html'] ?? 'text/html',
        'cache-control': 'no-cache',
      },
    });
  });
  return app;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
