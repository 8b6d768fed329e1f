#!/usr/bin/env node
// The `playbook` command. Runs the TypeScript sources through tsx, so a fresh
// clone works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
// `playbook … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
