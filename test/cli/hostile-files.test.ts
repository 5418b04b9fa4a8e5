// Files and names a run is pointed at, from the command line or a repository's config: list files
// on devices, FIFOs or past their cap are refused at once, and whatever a usage or config error
// echoes (paths, keys, flags) reaches stderr with its control characters escaped.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, temporaryFolder } from '../helpers/cli.js';
import { EXAMPLE_ZONE } from '../helpers/example-zone.js';

const hostile = suite('hostile files and names');
const folder = temporaryFolder();
hostile.after(() => folder.cleanup());

/** C0 and C1 controls other than tab and newline: what a terminal acts on. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const SIXTEEN_MB = 16 * 1024 * 1024;

hostile('--file over 16 MB is refused without reading on, and without quoting it', async () => {
  const big = join(folder.path, 'big.txt');
  writeFileSync(big, `# SECRET ${'#'.repeat(SIXTEEN_MB)}\n`);
  for (const command of ['domain', 'ip']) {
    const run = await runCli([command, '--file', big, '--resolver', '127.0.0.1:9'], { cwd: folder.path });
    assert.is(run.code, 2, run.stderr);
    assert.is(run.stderr, `maillint: --file ${big}: cannot read it: larger than 16 MB\n`);
  }
});

hostile('--file - (stdin) is capped at 16 MB too', async () => {
  const run = await runCli(['domain', '--file', '-', '--offline', '--zone', EXAMPLE_ZONE], {
    cwd: folder.path,
    stdin: Buffer.alloc(SIXTEEN_MB + 1, 0x23),
  });
  assert.is(run.code, 2, run.stderr);
  assert.is(run.stderr, 'maillint: --file -: cannot read it: larger than 16 MB\n');
  const small = await runCli(['domain', '--file', '-', '--offline', '--zone', EXAMPLE_ZONE, '--format', 'json'], {
    cwd: folder.path,
    stdin: 'example.com\n',
  });
  assert.ok(small.code === 0 || small.code === 1, small.stderr);
});

hostile('--file on /dev/zero, /dev/urandom or a FIFO is refused at once (it used to take 620 MB, or hang)', async () => {
  const fifo = join(folder.path, 'list.fifo');
  execFileSync('mkfifo', [fifo]);
  for (const path of ['/dev/zero', '/dev/urandom', fifo]) {
    const run = await runCli(['domain', '--file', path, '--offline', '--zone', EXAMPLE_ZONE], { cwd: folder.path });
    assert.is(run.code, 2, run.stderr);
    assert.is(run.stderr, `maillint: --file ${path}: cannot read it: not a regular file\n`);
  }
});

hostile('control characters in a --file path, a config key or an unknown flag are escaped on stderr', async () => {
  const osc8 = '\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007';
  const config = join(folder.path, 'c1.json');
  // U+009B is CSI in C1: JSON.stringify leaves it raw, the printing step must not.
  writeFileSync(config, JSON.stringify({ '\u009b31mred': 1, rules: {} }));
  const runs = [
    await runCli(['domain', '--file', `list${osc8}.txt`, '--offline', '--zone', EXAMPLE_ZONE], { cwd: folder.path }),
    await runCli(['--offline', '--config', config, 'x.eml'], { cwd: folder.path }),
    await runCli(['--offline', `--bad\u001b[2J`, 'x.eml'], { cwd: folder.path }),
    await runCli(['--offline', '--rule', `x${osc8}=off`, 'x.eml'], { cwd: folder.path }),
  ];
  for (const run of runs) {
    assert.is(run.code, 2, run.stderr);
    assert.not.match(run.stderr, RAW_CONTROL, JSON.stringify(run.stderr));
  }
  assert.match(runs[0]!.stderr, 'list\\x1b]8;;https://evil.example/\\x07click');
  assert.match(runs[1]!.stderr, 'unknown key "\\x9b31mred"');
});

hostile('--timeout a timer cannot hold is exit 2 on every command', async () => {
  writeFileSync(join(folder.path, 'x.eml'), 'From: a@example.com\r\n\r\n');
  for (const argv of [
    ['--offline', '--timeout', '3000000000', 'x.eml'],
    ['domain', 'example.com', '--resolver', '127.0.0.1:9', '--timeout', '2147483648'],
    ['ip', '192.0.2.1', '--resolver', '127.0.0.1:9', '--concurrency', '100000'],
  ]) {
    const run = await runCli(argv, { cwd: folder.path });
    assert.is(run.code, 2, run.stderr);
    assert.match(run.stderr, /^maillint: --(timeout|concurrency) takes .* from 1 to \d+, not \d+\n$/);
  }
});

hostile.run();
