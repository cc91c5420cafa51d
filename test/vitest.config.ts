import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// GitHub's workflow parser imports its JSON schemas without `with { type: 'json' }`, which Node refuses;
// transformed by Vite, it loads.
const INLINE = [/@actions\/workflow-parser/];

// Unit tests run in parallel; anything that talks to Docker, the registry or the bundle runs serially
// with long timeouts, as docker/actions-toolkit separates its suites.
export default defineConfig({
  test: {
    root,
    projects: [
      {
        test: {
          name: 'unit',
          root,
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 30_000,
          // Both cores: most of a unit file's time is its own start-up and imports.
          maxWorkers: 2,
          server: { deps: { inline: INLINE } },
        },
      },
      {
        test: {
          name: 'e2e',
          root,
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          server: { deps: { inline: INLINE } },
        },
      },
    ],
  },
});
