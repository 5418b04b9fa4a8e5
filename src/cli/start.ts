import { EXIT_OUTPUT_CLOSED } from './io.js';
import { main } from './main.js';

/** Runs the CLI as a process: `main` on the command line, its result as the exit status. */
export function start(argv: readonly string[]): void {
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
  // No top-level await: the installed command is a CommonJS bundle (src/cli/build-bundle.mjs).
  void main(argv).then((status) => {
    process.exitCode = status;
  });
}
