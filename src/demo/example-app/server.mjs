// The example app for the emulator's process runtime: serves site/ on $PORT with Node alone, as the
// Docker image serves it with busybox httpd, so the demo runs on a machine with nothing but Node.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

// The site directory: the first argument, or the example's own site/.
const site = process.argv[2] ?? fileURLToPath(new URL('./site/', import.meta.url));
const types = { '.html': 'text/html; charset=utf-8', '': 'text/plain; charset=utf-8' };

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  // normalize() resolves '..' first, so a request can never climb out of site/.
  const rel = normalize(decodeURIComponent(path)).replace(/^([/\\]|\.\.)+/, '');
  const file = join(site, rel === '' ? 'index.html' : rel);
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  }
});
server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
