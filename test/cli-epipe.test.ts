// `maillint … | head -1`: the reader closes the pipe early. The process must end quietly, not with
// an unhandled EPIPE stack trace (found by QA).

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const epipe = suite('closed stdout');
const ROOT = fileURLToPath(new URL('..', import.meta.url));

epipe('a reader that closes the pipe after the first line does not get a stack trace', async () => {
  // Enough output to outgrow the pipe's buffer, so writes continue after the reader is gone.
  const files = Array.from({ length: 400 }, () => 'examples/messages/team-update.eml');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', '--offline', '--zone', 'examples/dns/example.zone', ...files], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.not.match(stderr, /EPIPE|Unhandled|at /, stderr);
  assert.ok(code === 0 || code === 1, `exit ${code}`);
});

epipe.run();
