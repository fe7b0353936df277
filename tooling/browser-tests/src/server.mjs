// A static server on 127.0.0.1 for the test page: the bundle, tfjs-backend-wasm's .wasm files,
// and read-only access to the workspace's files for the in-page node:fs shim (fixtures).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { ROOT } from './test-files.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
// tfjs-backend-wasm fetches its .wasm from the page's directory unless told otherwise.
const wasmDir = dirname(createRequire(join(ROOT, 'packages/core/package.json')).resolve('@tensorflow/tfjs-backend-wasm'));
const PAGE = (entry) => `<!doctype html><meta charset="utf-8"><title>synth ${entry}</title><script type="module" src="/bundle/${entry}.js"></script>`;

/**
 * Starts the server; resolves with its origin and a close function.
 * @param {string} bundleDir
 */
export function startServer(bundleDir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status, body, type = 'text/plain') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const path = decodeURIComponent(url.pathname);
    if (path === '/favicon.ico') return send(204, '');
    if (path === '/' || path === '/throughput') return send(200, PAGE(path === '/' ? 'harness' : 'throughput'), TYPES['.html']);
    if (path.startsWith('/fs/')) {
      const file = normalize(path.slice(3));
      // Only the workspace's packages, and never node_modules.
      if (!file.startsWith(`${ROOT}/packages/`) || file.includes('/node_modules/')) return send(403, 'forbidden');
      if (!existsSync(file)) return send(404, 'not found');
      if (url.searchParams.has('exists')) return send(200, 'yes');
      if (statSync(file).isDirectory()) return url.searchParams.has('list') ? send(200, JSON.stringify(readdirSync(file)), TYPES['.json']) : send(400, 'directory');
      return send(200, readFileSync(file), 'application/octet-stream');
    }
    const [base, name] = path.startsWith('/bundle/') ? [bundleDir, path.slice(8)] : [wasmDir, path.slice(1)];
    if (base === wasmDir && !/^tfjs-backend-wasm[-a-z]*\.wasm$/.test(name)) return send(404, 'not found');
    const file = normalize(join(base, name));
    if (!file.startsWith(base) || !existsSync(file)) return send(404, 'not found');
    return send(200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
