import { run } from './main.js';

// dist/cli.js (the installed `gcp-deploy` command) sets this before loading the same bundle.
if ((globalThis as { gcpDeployCli?: boolean }).gcpDeployCli === true) {
  const { cli } = await import('./cli/main.js');
  process.exitCode = await cli(process.argv.slice(2));
} else {
  await run();
}
