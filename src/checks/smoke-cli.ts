/**
 * `gcp-deploy smoke --url URL --config smoke.yml [--json] [--auth none|id-token]`: the engine on its own.
 * Exit codes as k6: 0 pass, 99 thresholds failed (or aborted by them), 2 bad input.
 */
import { UserError, errorMessage } from '../config/user-error.js';
import { idTokenHeaders } from './id-token.js';
import { runSmoke } from './load-engine.js';
import { loadSmokeOptions } from './smoke-options.js';

export const EXIT_OK = 0;
export const EXIT_THRESHOLDS_FAILED = 99;
export const EXIT_BAD_INPUT = 2;

interface SmokeCliArgs {
  url: string;
  config: string;
  json: boolean;
  auth: 'none' | 'id-token';
}

const USAGE = 'usage: gcp-deploy smoke --url URL --config FILE|INLINE [--json] [--auth none|id-token]';

/** Parses the smoke command's arguments (without the leading `smoke`). */
export function parseSmokeArgs(argv: readonly string[]): SmokeCliArgs {
  const out: Partial<SmokeCliArgs> = { json: false, auth: 'none' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw UserError.forInput(flag, '', `${flag} needs a value; ${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--url':
        out.url = value();
        break;
      case '--config':
        out.config = value();
        break;
      case '--json':
        out.json = true;
        break;
      case '--auth': {
        const v = value();
        if (v !== 'none' && v !== 'id-token')
          throw UserError.forInput('--auth', v, "allowed: 'none', 'id-token'");
        out.auth = v;
        break;
      }
      default:
        throw UserError.forInput('smoke', arg, `unknown argument; ${USAGE}`);
    }
  }
  if (out.url === undefined) throw UserError.forInput('--url', '', `required; ${USAGE}`);
  let parsed: URL;
  try {
    parsed = new URL(out.url);
  } catch {
    throw UserError.forInput('--url', out.url, 'an http:// or https:// URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw UserError.forInput('--url', out.url, 'an http:// or https:// URL');
  if (out.config === undefined) throw UserError.forInput('--config', '', `required; ${USAGE}`);
  return out as SmokeCliArgs;
}

/** Runs the smoke command; prints the k6-style summary (or JSON) and returns the exit code. */
export async function runSmokeCli(
  argv: string[],
  io: { stdout: (s: string) => void; stderr: (s: string) => void } = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  },
): Promise<number> {
  let args: SmokeCliArgs;
  let options;
  try {
    args = parseSmokeArgs(argv);
    options = loadSmokeOptions(args.config, '--config');
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    io.stderr(`${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const stop = new AbortController();
  const onSigint = (): void => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    const outcome = await runSmoke(options, args.url, {
      ...(args.auth === 'id-token' ? { authHeaders: () => idTokenHeaders(args.url) } : {}),
      signal: stop.signal,
      log: (s) => io.stderr(`${s}\n`),
    });
    if (args.json) {
      const { textSummary: _text, ...rest } = outcome;
      io.stdout(`${JSON.stringify(rest, null, 2)}\n`);
    } else {
      io.stdout(`${outcome.textSummary}\n`);
    }
    return outcome.ok ? EXIT_OK : EXIT_THRESHOLDS_FAILED;
  } catch (err) {
    io.stderr(`smoke: ${errorMessage(err)}\n`);
    return err instanceof UserError ? EXIT_BAD_INPUT : 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
