// stylish, json and github are written as results arrive (in 64 KB blocks) when the report goes to
// a pipe or a file: a run over many files holds none of them, and the text is the same as the whole report.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatJson } from '../../src/report/json.js';
import type { TargetResult } from '../../src/types.js';
import { captureIo, temporaryFolder } from '../helpers/cli.js';
import { main } from '../../src/cli/main.js';

const streaming = suite('streamed reports');
const folder = temporaryFolder();
streaming.after(() => folder.cleanup());

// Dated now and without a Date-dependent finding, so two runs a second apart report the same text:
// no recipient (an error) and no Subject (a warning).
const MESSAGE = `From: a@example.com\r\nDate: ${new Date().toUTCString().replace('GMT', '+0000')}\r\nMessage-ID: <m@example.com>\r\n\r\nno recipient, no subject\r\n`;
for (let index = 0; index < 5; index += 1) writeFileSync(join(folder.path, `m${index}.eml`), MESSAGE);

async function run(format: string, stdoutIsTTY: boolean): Promise<{ chunks: string[]; code: number }> {
  // NO_COLOR: the terminal run would otherwise be coloured and differ from the pipe by escapes alone.
  const io = captureIo({ cwd: folder.path, stdoutIsTTY, env: { NO_COLOR: '1' } });
  // Enough output for several 64 KB blocks: the same file named 600 times (named files are not deduplicated).
  const paths = Array.from({ length: 600 }, (_, index) => `m${index % 5}.eml`);
  const code = await main(['--offline', '--format', format, ...paths], io);
  return { chunks: io.out, code };
}

for (const format of ['stylish', 'json', 'github']) {
  streaming(`${format}: to a pipe, written in blocks as results arrive; the same text as on a terminal`, async () => {
    const piped = await run(format, false);
    const terminal = await run(format, true);
    assert.is(piped.code, 1);
    assert.ok(piped.chunks.length >= 2, `${piped.chunks.length} writes`);
    assert.is(terminal.chunks.length, 1, 'on a terminal the report is written at the end');
    assert.is(piped.chunks.join(''), terminal.chunks.join(''));
  });
}

streaming('streamed JSON is exactly JSON.stringify of the whole result list, indented by 2', async () => {
  const piped = await run('json', false);
  const results = JSON.parse(piped.chunks.join('')) as TargetResult[];
  assert.is(results.length, 600);
  assert.is(piped.chunks.join(''), formatJson(results, { color: false, cwd: folder.path }));
  assert.is(formatJson([], { color: false, cwd: folder.path }), '[]\n');
});

streaming.run();
