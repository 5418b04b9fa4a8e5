#!/usr/bin/env node
import { EXIT_OUTPUT_CLOSED } from './io.js';
import { main } from './main.js';

// `maillint … | head`: the reader went away before the report was finished, so the run's verdict
// never reached it. Stop at once (no one reads on) without an EPIPE stack trace, and exit 141, the
// status a shell gives a writer killed by a closed pipe (git, cat and yes end so): never 0, or a
// `set -o pipefail` gate would pass on a report cut short. Node ignores SIGPIPE itself, hence by hand.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OUTPUT_CLOSED);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
