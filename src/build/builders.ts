import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../config/user-error.js';
import {
  buildahBuildArgs,
  buildahPushArgs,
  buildxArgs,
  dockerBuildArgs,
  dockerPushArgs,
  type BuildArgsInput,
} from './build-args.js';
import { runCommand } from './exec.js';
import { digestFromPushOutput, ghaScope, isLoopbackHost, registryHostOf } from './image-ref.js';
import { tempRoot } from './secret-files.js';

/** What one builder run needs beyond the argument list. */
export interface RunContext {
  input: BuildArgsInput;
  imageName: string;
  /** Unset when the cache is off. */
  cacheRef?: string;
  cache: 'registry' | 'gha' | 'none';
  env: NodeJS.ProcessEnv;
  log: (s: string) => void;
  warn: (s: string) => void;
  /** Called as the push starts, where it is a step of its own (not buildx's, which pushes as it builds). */
  onPush?: () => void;
}

/** A finished build and push. */
export interface RunOutcome {
  digest: string;
  buildMs: number;
  pushMs: number;
}

/**
 * Passes build output through, adding one line after BuildKit's `ERROR: <ref>:buildcache: not found`: on a
 * first build there is no layer cache to import yet, and the error reads like a failure when it is not.
 */
export function coldCacheExplained(
  log: (s: string) => void,
  cacheRef: string | undefined,
): (s: string) => void {
  let said = false;
  return (line) => {
    log(line);
    if (said || cacheRef === undefined || !/\bERROR\b/.test(line) || !/not found/i.test(line)) return;
    if (!line.includes(cacheRef) && !line.includes('buildcache')) return;
    said = true;
    log(
      `(expected on a cold cache: no layer cache was pushed to ${cacheRef} yet; this build runs without it and pushes one for the next build)`,
    );
  };
}

function show(file: string, args: string[], log: (s: string) => void): void {
  log(`$ ${file} ${args.join(' ')}`);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - start)];
}

/** buildx builds and pushes in one step; the digest comes from its metadata file. */
export async function runBuildx(
  ctx: RunContext,
  docker: string,
  cacheExport: 'registry' | 'inline',
): Promise<RunOutcome> {
  const dir = mkdtempSync(join(tempRoot(ctx.env), 'gcpd-buildx-'));
  try {
    const metadata = join(dir, 'metadata.json');
    const args = buildxArgs(
      ctx.input,
      {
        cache: ctx.cache,
        cacheExport,
        cacheRef: ctx.cacheRef ?? '',
        ghaScope: ghaScope(ctx.imageName),
        insecure: isLoopbackHost(registryHostOf(ctx.imageName)),
      },
      metadata,
    );
    show(docker, args, ctx.log);
    const onLine = coldCacheExplained(ctx.log, ctx.cacheRef);
    const [, ms] = await timed(() => runCommand(docker, args, { env: ctx.env, onLine }));
    const meta = JSON.parse(readFileSync(metadata, 'utf8')) as Record<string, unknown>;
    const digest = meta['containerimage.digest'];
    if (typeof digest !== 'string' || !digest.startsWith('sha256:')) {
      throw new Error(
        `buildx wrote no image digest to its metadata file (keys: ${Object.keys(meta).join(', ')})`,
      );
    }
    // buildx pushes while it builds, so the push time is part of the build time.
    return { digest, buildMs: ms, pushMs: 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The docker engine's builder: BuildKit with inline cache, or the legacy builder with a pulled cache image. */
export async function runDocker(ctx: RunContext, docker: string, buildkit: boolean): Promise<RunOutcome> {
  let cacheFrom = ctx.cacheRef;
  const [, buildMs] = await timed(async () => {
    if (cacheFrom && !buildkit) {
      // The legacy builder only uses a cache image that is already local, and only for single-stage builds.
      show(docker, ['pull', cacheFrom], ctx.log);
      const pulled = await runCommand(docker, ['pull', cacheFrom], { env: ctx.env, allowFailure: true });
      if (pulled.code !== 0) {
        // The first build of an image has no cache yet: that is normal, not worth a warning.
        const absent = /manifest unknown|not found/i.test(pulled.stderr);
        (absent ? ctx.log : ctx.warn)(
          `layer cache ${cacheFrom} could not be pulled; building without it: ${lastLine(pulled.stderr)}`,
        );
        cacheFrom = undefined;
      }
    }
    const refs = ctx.cacheRef ? [...ctx.input.refs, ctx.cacheRef] : ctx.input.refs;
    const { args, env } = dockerBuildArgs({ ...ctx.input, refs }, { buildkit, cacheFrom });
    show(docker, args, ctx.log);
    await runCommand(docker, args, {
      env: { ...ctx.env, ...env },
      onLine: coldCacheExplained(ctx.log, cacheFrom),
    });
  });
  ctx.onPush?.();
  const [digest, pushMs] = await timed(async () => {
    let found: string | undefined;
    for (const ref of ctx.input.refs) {
      show(docker, dockerPushArgs(ref), ctx.log);
      const out = await runCommand(docker, dockerPushArgs(ref), { env: ctx.env, onLine: ctx.log });
      found ??= digestFromPushOutput(out.stdout);
    }
    if (ctx.cacheRef) {
      const out = await runCommand(docker, dockerPushArgs(ctx.cacheRef), {
        env: ctx.env,
        allowFailure: true,
      });
      // A cache that cannot be written costs the next build time, never this one.
      if (out.code !== 0)
        ctx.warn(`layer cache ${ctx.cacheRef} could not be pushed: ${lastLine(out.stderr)}`);
    }
    return found ?? (await repoDigest(docker, ctx));
  });
  return { digest, buildMs, pushMs };
}

async function repoDigest(docker: string, ctx: RunContext): Promise<string> {
  const ref = ctx.input.refs[0] ?? '';
  const out = await runCommand(docker, ['image', 'inspect', '--format', '{{json .RepoDigests}}', ref], {
    env: ctx.env,
  });
  const list = JSON.parse(out.stdout) as string[];
  const hit = list.find((d) => d.startsWith(`${ctx.imageName}@`));
  if (!hit)
    throw new Error(`docker push printed no digest and ${ref} has no repo digest for ${ctx.imageName}`);
  return hit.slice(ctx.imageName.length + 1);
}

/** buildah with --layers, the registry as layer cache, one push per tag. */
export async function runBuildah(ctx: RunContext, buildah: string): Promise<RunOutcome> {
  const tlsVerify = !isLoopbackHost(registryHostOf(ctx.imageName));
  const cacheTls = ctx.cacheRef ? !isLoopbackHost(registryHostOf(ctx.cacheRef)) : true;
  const [, buildMs] = await timed(async () => {
    const args = buildahBuildArgs(ctx.input, {
      cacheRepo: ctx.cacheRef,
      cacheTo: Boolean(ctx.cacheRef),
      tlsVerify: tlsVerify && cacheTls,
    });
    show(buildah, args, ctx.log);
    try {
      await runCommand(buildah, args, { env: ctx.env, onLine: coldCacheExplained(ctx.log, ctx.cacheRef) });
    } catch (err) {
      if (!ctx.cacheRef) throw err;
      // buildah fails the build when the cache repository cannot be read or written; its local layers are kept,
      // so a retry without the registry cache is cheap and the build still succeeds.
      ctx.warn(
        `build with layer cache ${ctx.cacheRef} failed; retrying without the registry cache: ${lastLine(errorMessage(err))}`,
      );
      const bare = buildahBuildArgs(ctx.input, { cacheTo: false, tlsVerify });
      show(buildah, bare, ctx.log);
      await runCommand(buildah, bare, { env: ctx.env, onLine: ctx.log });
    }
  });
  const dir = mkdtempSync(join(tempRoot(ctx.env), 'gcpd-buildah-'));
  try {
    ctx.onPush?.();
    const [digest, pushMs] = await timed(async () => {
      let first: string | undefined;
      for (const [n, ref] of ctx.input.refs.entries()) {
        const file = join(dir, `digest-${n}`);
        const args = buildahPushArgs(ref, file, tlsVerify);
        show(buildah, args, ctx.log);
        await runCommand(buildah, args, { env: ctx.env, onLine: ctx.log });
        const digest = readFileSync(file, 'utf8').trim();
        if (first && digest !== first) ctx.warn(`tag ${ref} got digest ${digest}, the first tag ${first}`);
        first ??= digest;
      }
      if (!first?.startsWith('sha256:'))
        throw new Error(`buildah push wrote no digest (${first ?? 'nothing'})`);
      return first;
    });
    return { digest, buildMs, pushMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function lastLine(s: string): string {
  return (
    s
      .trim()
      .split('\n')
      .filter((l) => l.trim())
      .pop() ?? ''
  );
}
