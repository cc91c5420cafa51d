/**
 * Serves the IdentityAuthority where google-auth-library looks for it. The library posts service-account
 * assertions to https://oauth2.googleapis.com/token whatever the key file's token_uri says, so the emulator
 * is an HTTPS proxy (HTTPS_PROXY) that answers CONNECTs to Google's identity hosts itself, under a
 * certificate from its own CA (NODE_EXTRA_CA_CERTS), and refuses to tunnel anywhere else.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IdentityAuthority } from './identity.js';
import { issueTlsCertificates } from './x509.js';

/** The hosts answered in place of Google. */
export const IDENTITY_HOSTS = ['oauth2.googleapis.com', 'www.googleapis.com'];

/** A running identity front: the proxy URL and the CA file a client must trust. */
export interface IdentityServer {
  proxyUrl: string;
  caCertPath: string;
  /** The environment a process needs to reach it: HTTPS_PROXY (loopback excepted) and the CA. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function identityHandler(authority: IdentityAuthority) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void (async (): Promise<void> => {
      const host = (req.headers.host ?? '').split(':')[0];
      const path = new URL(req.url ?? '/', 'https://x').pathname;
      if (host === 'oauth2.googleapis.com' && req.method === 'POST' && path === '/token') {
        const answer = authority.exchange(new URLSearchParams(await readBody(req)));
        return json(res, answer.status, answer.body);
      }
      if (host === 'www.googleapis.com' && req.method === 'GET' && path === '/oauth2/v3/certs')
        return json(res, 200, authority.jwks());
      json(res, 404, { error: 'not_found', error_description: `${req.method} ${path} is not emulated` });
    })().catch((err: unknown) => json(res, 500, { error: 'internal', error_description: String(err) }));
  };
}

/** Starts the proxy on a free loopback port; its TLS endpoint only ever sees tunnels the proxy accepted. */
export async function startIdentityServer(authority: IdentityAuthority): Promise<IdentityServer> {
  const { ca, leaf } = issueTlsCertificates('gcp-deploy emulator CA', IDENTITY_HOSTS);
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-identity-'));
  const caCertPath = join(dir, 'ca.pem');
  writeFileSync(caCertPath, ca.cert);
  const tls: HttpsServer = createTlsServer({ cert: leaf.cert, key: leaf.key }, identityHandler(authority));
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' }).end('only CONNECT to Google identity hosts\n');
  });
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const [host, port] = (req.url ?? '').split(':');
    if (!IDENTITY_HOSTS.includes(host ?? '') || port !== '443') {
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    tls.emit('connection', socket);
  });
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(0, '127.0.0.1', () => resolve());
  });
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    proxyUrl,
    caCertPath,
    env: () => ({
      // Upper case only: gaxios (google-auth-library) reads it, grpc-js reads only the lower-case name.
      HTTPS_PROXY: proxyUrl,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      NODE_EXTRA_CA_CERTS: caCertPath,
    }),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      tls.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
