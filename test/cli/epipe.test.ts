// `maillint … | head -c1`: the reader closes the pipe early. The process must end without an
// unhandled EPIPE stack trace (found by QA), and never with exit 0: under `set -o pipefail` (GitHub's
// default shell) a 0 would pass the gate on a report nobody read to the end (issue 10, item 3).

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EXIT_OUTPUT_CLOSED } from '../../src/cli/io.js';
import { temporaryFolder } from '../helpers/cli.js';

const epipe = suite('closed stdout');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real CLI and closes its stdout after the first chunk, as `head -c1` does. */
async function runAndCloseEarly(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stderr };
}

epipe('a reader that closes the pipe after the first line gets no stack trace, and the exit is not 0', async () => {
  // Enough output to outgrow the pipe's buffer, so writes continue after the reader is gone.
  const files = Array.from({ length: 400 }, () => 'examples/messages/team-update.eml');
  const { code, stderr } = await runAndCloseEarly(['--offline', '--zone', 'examples/dns/example.zone', ...files]);
  assert.not.match(stderr, /EPIPE|Unhandled|at /, stderr);
  assert.is(code, EXIT_OUTPUT_CLOSED, stderr);
});

epipe('files with errors, reader gone after one byte: exit 141, never a pass', async () => {
  const folder = temporaryFolder('maillint-epipe-');
  try {
    // No From and no Date: every file has errors.
    for (let index = 0; index < 400; index += 1) writeFileSync(join(folder.path, `draft-${index}.eml`), `Subject: draft ${index}\r\n\r\nbody\r\n`);
    const { code, stderr } = await runAndCloseEarly(['--offline', folder.path]);
    assert.is(code, 141, stderr);
  } finally {
    folder.cleanup();
  }
});

epipe.run();
