import { expect, test } from 'vitest';
import { CommandError, runCommand } from '../../../src/build/exec.js';

const node = process.execPath;

test('stdin carries input (how passwords reach docker login), lines stream out', async () => {
  const lines: string[] = [];
  const res = await runCommand(
    node,
    ['-e', 'process.stdin.on("data", d => { console.log("got " + d.length); console.error("err line"); })'],
    { input: 'secret-token', onLine: (l) => lines.push(l) },
  );
  expect(res.stdout).toBe('got 12\n');
  expect(lines.sort()).toEqual(['err line', 'got 12']);
});

test('a non-zero exit throws with the tail of stderr', async () => {
  const err = await runCommand(node, [
    '-e',
    'console.error("denied: no push permission"); process.exit(3)',
  ]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(CommandError);
  expect((err as CommandError).result.code).toBe(3);
  expect((err as Error).message).toMatch(/exited with 3:\ndenied: no push permission/);
});

test('allowFailure returns the result; a missing binary is a clear error', async () => {
  const res = await runCommand(node, ['-e', 'process.exit(2)'], { allowFailure: true });
  expect(res.code).toBe(2);
  await expect(runCommand('/nonexistent/docker', ['version'])).rejects.toThrow(
    /cannot run \/nonexistent\/docker/,
  );
});
