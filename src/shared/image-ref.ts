/**
 * Image references, split and checked in one place: `[host[:port]/]path[:tag][@sha256:digest]`, the grammar
 * Docker and Artifact Registry share (lower-case path components, tags of at most 128 characters).
 */

/** `sha256:...` from a digest or a full `image@sha256:...` reference. */
export function digestOf(value: string): string {
  const at = value.lastIndexOf('@');
  return at >= 0 ? value.slice(at + 1) : value;
}

/** A reference cut at its `@` and its tag's `:` (a port's colon comes before the last slash), unchecked. */
export function splitImageReference(ref: string): { name: string; tag?: string; digest?: string } {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return {
    name: colon > slash ? name.slice(0, colon) : name,
    ...(colon > slash ? { tag: name.slice(colon + 1) } : {}),
    ...(at >= 0 ? { digest: ref.slice(at + 1) } : {}),
  };
}

export interface ImageReference {
  /** `us-docker.pkg.dev`, `127.0.0.1:5000`; unset when the reference names none (Docker Hub). */
  host?: string;
  /** `project/repo/app`. */
  path: string;
  tag?: string;
  /** `sha256:<64 hex>`. */
  digest?: string;
}

const HOST_PART = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const HOST = new RegExp(`^(?:${HOST_PART}(?:\\.${HOST_PART})*|\\[[0-9A-Fa-f:.]+\\])(?::\\d{1,5})?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * The reference's parts, or null when it is not one. With `host: 'required'` the first component is always
 * the registry (`h/app` is host h); otherwise, as Docker reads it, only a first component with a dot, a port
 * or `localhost` is a host.
 */
export function parseImageReference(
  ref: string,
  host: 'required' | 'optional' = 'optional',
): ImageReference | null {
  if (ref.length > 1024) return null;
  const { name, tag, digest } = splitImageReference(ref);
  if (tag !== undefined && !TAG.test(tag)) return null;
  if (digest !== undefined && !DIGEST.test(digest)) return null;
  const parts = name.split('/');
  const first = parts[0] ?? '';
  const named = parts.length > 1 && (host === 'required' || /[.:[]/.test(first) || first === 'localhost');
  if (host === 'required' && !named) return null;
  if (named && !HOST.test(first)) return null;
  const path = named ? parts.slice(1) : parts;
  if (!path.every((c) => PATH_COMPONENT.test(c))) return null;
  return {
    ...(named ? { host: first } : {}),
    path: path.join('/'),
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}
