/** Media types a manifest HEAD/GET accepts, so the registry reports the digest the image was pushed with. */
const MANIFEST_ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** A manifest's digest, media type and total size (config + layers, or the index itself). */
export interface ManifestInfo {
  digest: string;
  mediaType: string;
  sizeBytes: number;
}

/** The Docker Registry HTTP API v2 calls the Artifact Registry side is built on. */
export class RegistryHttp {
  constructor(private readonly baseUrl: string) {}

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(15_000) });
  }

  /** Every repository (image path) in the registry, following `Link` pagination. */
  async catalog(): Promise<string[]> {
    const out: string[] = [];
    let path: string | undefined = '/v2/_catalog?n=1000';
    while (path) {
      const res: Response = await this.call(path);
      if (!res.ok) throw new Error(`registry catalog: HTTP ${res.status}`);
      const body = (await res.json()) as { repositories?: string[] | null };
      out.push(...(body.repositories ?? []));
      const link = res.headers.get('link');
      path = link ? /<([^>]+)>/.exec(link)?.[1] : undefined;
    }
    return out;
  }

  /** The tags of one image path (empty when the path has none or is unknown). */
  async tags(image: string): Promise<string[]> {
    const res = await this.call(`/v2/${image}/tags/list`);
    if (res.status === 404) return [];
    if (!res.ok) throw new Error(`registry tags/list ${image}: HTTP ${res.status}`);
    const body = (await res.json()) as { tags?: string[] | null };
    return body.tags ?? [];
  }

  /** GET a manifest by tag or digest; undefined when it does not exist. */
  async manifest(image: string, reference: string): Promise<ManifestInfo | undefined> {
    const res = await this.call(`/v2/${image}/manifests/${reference}`, {
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`registry manifest ${image}:${reference}: HTTP ${res.status}`);
    const text = await res.text();
    const digest = res.headers.get('docker-content-digest') ?? '';
    const body = JSON.parse(text) as {
      mediaType?: string;
      config?: { size?: number };
      layers?: { size?: number }[];
      manifests?: { size?: number }[];
    };
    const mediaType = res.headers.get('content-type') ?? body.mediaType ?? '';
    const parts = [body.config, ...(body.layers ?? []), ...(body.manifests ?? [])];
    const sizeBytes = parts.reduce((s, p) => s + (p?.size ?? 0), text.length);
    return { digest, mediaType, sizeBytes };
  }

  /** HEAD a manifest to read its digest; undefined when it does not exist. */
  async digest(image: string, reference: string): Promise<string | undefined> {
    const res = await this.call(`/v2/${image}/manifests/${reference}`, {
      method: 'HEAD',
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`registry HEAD ${image}:${reference}: HTTP ${res.status}`);
    return res.headers.get('docker-content-digest') ?? undefined;
  }

  /** DELETE a manifest by digest (the registry also drops the tags pointing at it). */
  async deleteManifest(image: string, digest: string): Promise<boolean> {
    const res = await this.call(`/v2/${image}/manifests/${digest}`, { method: 'DELETE' });
    if (res.status === 404) return false;
    if (!res.ok)
      throw new Error(`registry DELETE ${image}@${digest}: HTTP ${res.status} ${await res.text()}`);
    return true;
  }
}
