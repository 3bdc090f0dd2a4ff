// A tiny static file server for the built site (index.html + dist/). No server code is needed to host
// sleepnet; this exists so the README's command and the browser tests need nothing beyond node.
// Usage: node scripts/serve.mjs [--port 8080] [--root DIR] [--quiet]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: node scripts/serve.mjs [--port 8080] [--root DIR] [--quiet]\nServes the built site (index.html and dist/) over HTTP.');
  process.exit(0);
}
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] ? args[i + 1] : def; };
const root = path.resolve(opt('--root', path.join(path.dirname(fileURLToPath(import.meta.url)), '..')));
const port = Number(opt('--port', process.env.PORT || 8080));
const quiet = args.includes('--quiet');
if (!Number.isInteger(port) || port < 1 || port > 65535) { console.error(`serve: bad port '${opt('--port')}'`); process.exit(2); }
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.png': 'image/png', '.json': 'application/json', '.csv': 'text/csv', '.snb': 'application/octet-stream' };

export function startServer(p = port, r = root) {
  const server = http.createServer((req, res) => {
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); }
    catch { res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request: the path is not valid percent-encoding\n'); return; }   // '%zz' threw and stopped the server
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(r, path.normalize(rel));
    if (!file.startsWith(r + path.sep) || (req.method !== 'GET' && req.method !== 'HEAD')) { res.writeHead(403).end(); return; }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n'); return; }
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream',
        'Content-Length': st.size, 'Cache-Control': 'no-cache' });
      if (req.method === 'HEAD') { res.end(); return; }
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(p, '127.0.0.1', () => resolve(server));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  startServer().then((s) => {
    const url = `http://localhost:${s.address().port}/`;
    if (!quiet) console.log(`sleepnet is served at ${url}  (Ctrl-C to stop)`);
  }).catch((e) => { console.error(`serve: cannot listen on port ${port}: ${e.message}`); process.exit(1); });
}
