import { spawn } from 'node:child_process';

/** What a finished command printed and how it ended. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** How to run one command. */
export interface CommandOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to stdin then closed (passwords go here, never on the command line). */
  input?: string;
  /** Receives each output line as it arrives (build logs are long; streaming keeps CI logs live). */
  onLine?: (line: string) => void;
  /** Return the result instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
}

/** A command that exited non-zero; the message carries the tail of its stderr. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: CommandResult,
  ) {
    const tail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-15).join('\n');
    super(`\`${command}\` exited with ${result.code}${tail ? `:\n${tail}` : ' and printed nothing'}`);
    this.name = 'CommandError';
  }
}

/** Runs a command without a shell, collects its output and checks the exit code itself. */
export function runCommand(file: string, args: string[], opts: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const outLines = lineSplitter(opts.onLine);
    const errLines = lineSplitter(opts.onLine);
    child.stdout.on('data', (d: Buffer) => {
      out.push(d);
      outLines.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      err.push(d);
      errLines.push(d);
    });
    child.once('error', (e) => reject(new Error(`cannot run ${file}: ${e.message}`)));
    child.once('close', (code, signal) => {
      outLines.flush();
      errLines.flush();
      const result: CommandResult = {
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      };
      if (result.code !== 0 && !opts.allowFailure)
        reject(new CommandError(`${file} ${args[0] ?? ''}`, result));
      else resolve(result);
    });
    child.stdin.on('error', () => undefined); // a command that exits before reading stdin is not our error
    child.stdin.end(opts.input ?? '');
  });
}

function lineSplitter(onLine?: (line: string) => void): { push(d: Buffer): void; flush(): void } {
  let pending = '';
  return {
    push(d) {
      if (!onLine) return;
      pending += d.toString();
      const parts = pending.split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const p of parts) if (p.trim()) onLine(p);
    },
    flush() {
      if (onLine && pending.trim()) onLine(pending);
      pending = '';
    },
  };
}
