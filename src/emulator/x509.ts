/**
 * Just enough X.509 (DER by hand over node:crypto keys) for the emulator to act as Google's TLS endpoints:
 * a throwaway CA and a leaf for a few host names, ECDSA P-256. Node can parse certificates but not make
 * them, and a dependency for two certificates would weigh more than this file.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

const der = (tag: number, body: Buffer): Buffer => {
  const n = body.length;
  const len =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const seq = (...items: Buffer[]): Buffer => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => der(0x31, Buffer.concat(items));
const explicit = (n: number, inner: Buffer): Buffer => der(0xa0 + n, inner);
const utf8 = (s: string): Buffer => der(0x0c, Buffer.from(s, 'utf8'));
const octets = (b: Buffer): Buffer => der(0x04, b);
const bits = (b: Buffer, unused = 0): Buffer => der(0x03, Buffer.concat([Buffer.from([unused]), b]));
const bool = (v: boolean): Buffer => der(0x01, Buffer.from([v ? 0xff : 0]));

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return der(0x02, (v[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return der(0x06, Buffer.from(out));
}

function utcTime(d: Date): Buffer {
  const p = (n: number): string => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return der(0x17, Buffer.from(s, 'ascii'));
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const name = (cn: string): Buffer => seq(set(seq(oid('2.5.4.3'), utf8(cn))));
const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

/** A certificate and its private key, both PEM. */
export interface Pem {
  cert: string;
  key: string;
}

interface CertSpec {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signingKey: KeyObject;
  ca: boolean;
  dnsNames: string[];
  /** IPv4 addresses the leaf is valid for (a gRPC client dialling 127.0.0.1 checks the IP SAN). */
  ipAddresses?: string[];
}

function certificate(s: CertSpec): string {
  const now = Date.now();
  const extensions = s.ca
    ? [
        extension('2.5.29.19', true, seq(bool(true))),
        // keyCertSign + cRLSign
        extension('2.5.29.15', true, bits(Buffer.from([0x06]), 1)),
      ]
    : [
        extension('2.5.29.19', true, seq()),
        extension(
          '2.5.29.17',
          false,
          seq(
            ...s.dnsNames.map((n) => der(0x82, Buffer.from(n, 'ascii'))),
            ...(s.ipAddresses ?? []).map((ip) => der(0x87, Buffer.from(ip.split('.').map(Number)))),
          ),
        ),
      ];
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    ECDSA_SHA256,
    name(s.issuer),
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 7 * 86_400_000))),
    name(s.subject),
    s.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, s.signingKey);
  const body = seq(tbs, ECDSA_SHA256, bits(signature)).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${body.replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
}

const ecKeys = (): { publicKey: KeyObject; privateKey: KeyObject } =>
  generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const pemKey = (k: KeyObject): string => k.export({ type: 'pkcs8', format: 'pem' }).toString();

/** A fresh CA and a leaf it signed for `dnsNames`: what a client told to trust the CA accepts for those hosts. */
export function issueTlsCertificates(
  caName: string,
  dnsNames: string[],
  ipAddresses: string[] = [],
): { ca: Pem; leaf: Pem } {
  const caKeys = ecKeys();
  const caCert = certificate({
    subject: caName,
    issuer: caName,
    publicKey: caKeys.publicKey,
    signingKey: caKeys.privateKey,
    ca: true,
    dnsNames: [],
  });
  const leafKeys = ecKeys();
  const leafCert = certificate({
    subject: dnsNames[0] ?? 'localhost',
    issuer: caName,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    ca: false,
    dnsNames,
    ipAddresses,
  });
  return {
    ca: { cert: caCert, key: pemKey(caKeys.privateKey) },
    leaf: { cert: leafCert, key: pemKey(createPrivateKey(pemKey(leafKeys.privateKey))) },
  };
}
