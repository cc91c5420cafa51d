/**
 * The commit a build really contains: the checked-out HEAD of the build context. On pull_request events
 * the event's SHA may name a commit other than the one checked out (actions/checkout defaults to GitHub's
 * test merge commit), so the image, the revision and their labels follow what git says.
 */
import { spawnSync } from 'node:child_process';

/** `git rev-parse HEAD` in the context, or `fallback` when the context is not in a git work tree. */
export function builtCommit(context: string, fallback: string): string {
  const git = spawnSync('git', ['-C', context, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  const sha = git.status === 0 ? git.stdout.trim().toLowerCase() : '';
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha) ? sha : fallback;
}
