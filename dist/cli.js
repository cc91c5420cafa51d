#!/usr/bin/env node
// The installed `gcp-deploy` command: the action bundle (index.js) started as the CLI. Written by test/tools/bundle.mjs.
globalThis.gcpDeployCli = true;
await import('./index.js');
