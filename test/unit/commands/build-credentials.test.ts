import { describe, expect, it } from 'vitest';
import { credentialsPresent } from '../../../src/commands/build-archive.js';

describe('command: build refuses a job with credentials', () => {
  it.each<[string, NodeJS.ProcessEnv, string[]]>([
    [
      "a fork's pull_request job",
      { PATH: '/usr/bin', GITHUB_TOKEN: 'read-only', ACTIONS_RUNTIME_TOKEN: 'x' },
      [],
    ],
    [
      'after google-github-actions/auth',
      { GOOGLE_APPLICATION_CREDENTIALS: '/w/gha-creds-1.json', GOOGLE_GHA_CREDS_PATH: '/w/gha-creds-1.json' },
      ['GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_GHA_CREDS_PATH'],
    ],
    [
      'with id-token: write',
      { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
      ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'],
    ],
    ['an access token for gcloud', { CLOUDSDK_AUTH_ACCESS_TOKEN: 'ya29' }, ['CLOUDSDK_AUTH_ACCESS_TOKEN']],
    ['empty values count as unset', { GOOGLE_APPLICATION_CREDENTIALS: '' }, []],
  ])('%s', (_what, env, named) => {
    expect(credentialsPresent(env)).toEqual(named);
  });
});
