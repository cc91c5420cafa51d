/**
 * Credentials that outlive no check: a smoke run longer than an ID token's life asks for its Authorization
 * header again before the token in use expires (the provider hands back its cached token until it is near
 * expiry, then a fresh one), and every request from then on carries the new one.
 */

/** Asked at most this often (a provider that cannot say when its token expires is asked this often too). */
const MAX_PERIOD_MS = 30_000;
const MIN_PERIOD_MS = 250;

/** The `exp` (epoch ms) of the bearer JWT in `headers`, if it carries one. */
export function bearerExpiryMs(headers: Record<string, string>): number | undefined {
  const value = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const jwt = /^Bearer\s+([\w-]+\.([\w-]+)\.[\w-]+)$/i.exec(value ?? '')?.[2];
  if (jwt === undefined) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(jwt, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** When to ask for the headers again (pure): halfway to the token's expiry, every 30 s at most. */
export function nextAuthRefreshMs(headers: Record<string, string>, nowMs: number): number {
  const exp = bearerExpiryMs(headers);
  if (exp === undefined) return MAX_PERIOD_MS;
  return Math.min(MAX_PERIOD_MS, Math.max(MIN_PERIOD_MS, (exp - nowMs) / 2));
}

/**
 * Keeps `apply` fed with fresh headers from `fetch` until stopped: the first set before it resolves, then
 * each again before the last one's token expires. A failed refresh keeps the headers in use and tries again.
 */
export async function keepHeadersFresh(
  fetch: () => Promise<Record<string, string>>,
  apply: (headers: Record<string, string>) => void,
  log: (line: string) => void = () => undefined,
): Promise<{ stop(): void }> {
  let current = await fetch();
  apply(current);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = (): void => {
    timer = setTimeout(
      () => {
        void fetch()
          .then((next) => {
            if (stopped) return;
            if (Object.entries(next).some(([k, v]) => current[k] !== v)) apply(next);
            current = next;
          })
          .catch((err: unknown) => log(`Could not refresh the checks' credentials: ${String(err)}`))
          .finally(() => {
            if (!stopped) schedule();
          });
      },
      nextAuthRefreshMs(current, Date.now()),
    );
    timer.unref();
  };
  schedule();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
