#!/usr/bin/env node
// A tiny static file server for the built demo (www/dist/), bound to 127.0.0.1 only.
//
//   node www/serve.mjs [directory] [--port N]     (default: www/dist, port 8080; 0 picks a free one)
//
// Also imported by the browser tests (startServer). Any other static server works too: the demo is
// plain files. It needs `.wasm` served as application/wasm for streaming compilation.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` on 127.0.0.1. Resolves to `{ url, port, close() }`.
 * @param {{ root: string, port?: number }} options
 */
export function startServer({ root, port = 0 }) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    try {
      const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
      let path = resolve(join(base, decodeURIComponent(pathname)));
      if (path !== base && !path.startsWith(base + sep)) {
        response.writeHead(403).end('forbidden');
        return;
      }
      let info = await stat(path).catch(() => null);
      if (info && info.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path).catch(() => null);
      }
      if (!info || !info.isFile()) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      response.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      createReadStream(path).pipe(response);
    } catch {
      response.writeHead(400).end('bad request');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolvePromise({
        url: `http://127.0.0.1:${actual}/`,
        port: actual,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let port = 8080;
  let root = fileURLToPath(new URL('./dist/', import.meta.url));
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--port') {
      port = Number(args[i + 1]);
      i += 1;
    } else {
      root = args[i];
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('serve: --port wants a number from 0 to 65535');
    process.exit(2);
  }
  const served = await startServer({ root, port }).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    console.error(`serve: port ${port} is taken; using a free one`);
    return startServer({ root, port: 0 });
  });
  console.log(`Serving ${root} at ${served.url} (Ctrl+C stops)`);
}
