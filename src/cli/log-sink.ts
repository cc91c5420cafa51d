/**
 * The action logs through @actions/core, which writes plain lines and `::command::` lines to stdout. A CLI
 * keeps stdout for its result, so in CLI mode every line goes to stderr instead: outside GitHub Actions as
 * plain text (`warning: ...`), with the values the action masks (`::add-mask::`) replaced by *** as the
 * runner would, and those mask commands never printed.
 */

/** Undoes @actions/core's escaping of a command's message (%25, %0D, %0A). */
function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** Undoes @actions/core's escaping of a command's property (a title may hold ':' and ','). */
function unescapeProperty(s: string): string {
  return unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
}

/** Turns @actions/core's output, line by line, into plain log lines; holds the masked values. */
export class LogTranslator {
  private readonly masks: string[] = [];
  private pending = '';

  constructor(private readonly opts: { debug: boolean }) {}

  /** The plain text for one line of core's output, or null when it prints nothing. */
  line(raw: string): string | null {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(raw);
    if (m === null) return this.mask(raw);
    const [, command = '', props = '', data = ''] = m;
    const message = unescapeData(data);
    switch (command) {
      case 'add-mask':
        if (message !== '') this.masks.push(message);
        this.masks.sort((a, b) => b.length - a.length); // longest first, so a prefix never leaves a tail
        return null;
      case 'debug':
        return this.opts.debug ? this.mask(`debug: ${message}`) : null;
      case 'error':
      case 'warning':
      case 'notice': {
        const title = /(?:^|,)title=([^,]*)/.exec(props)?.[1];
        const head = title === undefined ? command : `${command}: ${unescapeProperty(title)}`;
        return this.mask(`${head}: ${message}`);
      }
      case 'group':
        return this.mask(`== ${message}`);
      case 'endgroup':
      case 'set-output':
      case 'save-state':
      case 'echo':
        return null;
      default:
        return this.mask(raw);
    }
  }

  /** Feeds a chunk of core's output; returns the complete lines' text, ready to write. */
  write(chunk: string): string {
    this.pending += chunk;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    return lines
      .map((l) => this.line(l.replace(/\r$/, '')))
      .filter((l): l is string => l !== null)
      .map((l) => `${l}\n`)
      .join('');
  }

  /** What is left of an unfinished last line. */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    const text = rest === '' ? null : this.line(rest);
    return text === null ? '' : `${text}\n`;
  }

  private mask(text: string): string {
    let out = text;
    for (const secret of this.masks) out = out.split(secret).join('***');
    return out;
  }
}

/**
 * Sends everything written to process.stdout to stderr (translated unless on GitHub Actions, whose runner
 * reads the commands itself), and returns a writer for the real stdout plus a function that restores it.
 */
export function redirectStdout(env: NodeJS.ProcessEnv): {
  stdout: (s: string) => void;
  restore: () => void;
} {
  const original = process.stdout.write.bind(process.stdout);
  const translator =
    env.GITHUB_ACTIONS === 'true' ? undefined : new LogTranslator({ debug: env.RUNNER_DEBUG === '1' });
  const toStderr = (chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    const text =
      typeof chunk === 'string'
        ? chunk
        : Buffer.from(chunk as Uint8Array).toString(
            typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
          );
    const out = translator === undefined ? text : translator.write(text);
    const done = typeof encoding === 'function' ? encoding : cb;
    if (out === '') {
      if (typeof done === 'function') (done as () => void)();
      return true;
    }
    return process.stderr.write(out, typeof done === 'function' ? (done as () => void) : undefined);
  };
  process.stdout.write = toStderr;
  return {
    stdout: (s) => void original(s),
    restore: () => {
      const rest = translator?.flush() ?? '';
      if (rest !== '') process.stderr.write(rest);
      process.stdout.write = original;
    },
  };
}
