// Keeps examples/messages/README.md true: lints the folder the way its command does (offline, the
// example zone answering DNS) and compares each file's findings with the README table's last
// column. date-skew is left out: it depends on the day the test runs (the README says so).

import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/main.js';
import type { TargetResult } from '../../src/types.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ZONE = fileURLToPath(new URL('../dns/example.zone', import.meta.url));

/** `file.eml` -> ["check line", ...] from the README table ("none" is an empty list). */
function expectedFromReadme(): Map<string, string[]> {
  const expected = new Map<string, string[]>();
  for (const line of readFileSync(join(HERE, 'README.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const file = /^`([^`]+\.eml)`$/.exec(cells[1] ?? '')?.[1];
    if (!file) continue;
    const findings = [...(cells[3] ?? '').matchAll(/`([a-z0-9-]+)` (\d+)/g)].map(([, check, at]) => `${check} ${at}`);
    expected.set(file, findings.sort());
  }
  return expected;
}

async function lintExamples(): Promise<{ code: number; results: TargetResult[]; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--offline', '--zone', ZONE, '--format', 'json', HERE], {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    stdin: Readable.from([]),
    // The quick start runs from the repository root (a config file is looked up from here upward).
    cwd: ROOT,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
  });
  return { code, results: JSON.parse(out.join('')) as TargetResult[], stderr: err.join('') };
}

test('every example file is in the README table, and the table lists its findings exactly', async () => {
  const expected = expectedFromReadme();
  const { code, results, stderr } = await lintExamples();
  assert.is(stderr, '');
  assert.is(code, 1, 'the broken examples have errors');
  const actual = new Map<string, string[]>();
  for (const result of results) {
    const findings = result.findings.filter((finding) => finding.check !== 'date-skew').map((finding) => `${finding.check} ${finding.line ?? '-'}`);
    actual.set(basename(result.target), findings.sort());
  }
  assert.equal([...actual.keys()].sort(), [...expected.keys()].sort(), 'README table rows = files in examples/messages');
  for (const [file, findings] of expected) assert.equal(actual.get(file), findings, file);
});

test.run();
