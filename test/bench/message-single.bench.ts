// One small .eml linted offline by the built CLI, whole-process wall time, against `node -e 0`
// (the floor any Node CLI pays). Target: within 2x (DESIGN.md 9). Runs are interleaved so drift in
// machine load hits both sides alike; the median of BENCH_RUNS (default 15) runs of each is compared.
// When the target is not met (or BENCH_PROFILE=1) it shows where the time goes.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_CLI, ROOT, WORK_FOLDER, ensureBuilt } from './lib/build.js';
import { envNumber, fail, formatMs, median, printResult, timeProcess } from './lib/measure.js';
import { importCost, profileRun } from './lib/profile.js';

const RUNS = envNumber('BENCH_RUNS', 15);
const TARGET_RATIO = 2;

const message = [
  'From: Example Billing <billing@example.com>',
  'To: Jane Roe <jane@example.com>',
  'Subject: Your receipt',
  'Date: Tue, 24 Nov 2026 10:00:00 +0000',
  'Message-ID: <receipt-1@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Thank you for your order.',
  '',
].join('\r\n');

ensureBuilt();
mkdirSync(WORK_FOLDER, { recursive: true });
const file = join(WORK_FOLDER, 'single.eml');
writeFileSync(file, message);

const lintArgs = [BUILT_CLI, '--offline', file];
const floorArgs = ['-e', '0'];

// Warm the file cache for both before measuring.
for (const args of [floorArgs, lintArgs]) timeProcess(process.execPath, args, { cwd: ROOT });
const first = timeProcess(process.execPath, lintArgs, { cwd: ROOT });
if (first.status !== 0 && first.status !== 1) fail(`maillint exited ${first.status}: ${first.stderr || first.stdout}`);

const floorTimes: number[] = [];
const lintTimes: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  // Alternate which goes first so neither always runs on a freshly woken CPU.
  const order = run % 2 === 0 ? ['floor', 'lint'] : ['lint', 'floor'];
  for (const which of order) {
    if (which === 'floor') floorTimes.push(timeProcess(process.execPath, floorArgs).wallMs);
    else lintTimes.push(timeProcess(process.execPath, lintArgs, { cwd: ROOT }).wallMs);
  }
}

const floor = median(floorTimes);
const lint = median(lintTimes);
const ratio = lint / floor;
console.log(`node -e 0:                 median ${formatMs(floor)} of ${RUNS} runs (min ${formatMs(Math.min(...floorTimes))})`);
console.log(`maillint --offline 1 file: median ${formatMs(lint)} of ${RUNS} runs (min ${formatMs(Math.min(...lintTimes))})`);
printResult('one small .eml, offline, whole process', `${formatMs(lint)} vs node -e 0 ${formatMs(floor)} = ${ratio.toFixed(2)}x`, {
  met: ratio <= TARGET_RATIO,
  text: `<= ${TARGET_RATIO}x`,
});

if (ratio > TARGET_RATIO || process.env.BENCH_PROFILE === '1') {
  console.log('\nwhere one run spends its CPU time (self time per source, --cpu-prof at 100 µs):');
  const groups = profileRun(lintArgs, ROOT, WORK_FOLDER);
  const total = groups.reduce((sum, group) => sum + group.ms, 0);
  for (const { group, ms } of groups.slice(0, 14)) console.log(`  ${formatMs(ms).padStart(9)}  ${((ms / total) * 100).toFixed(0).padStart(3)}%  ${group}`);
  const packages = groups.filter((group) => group.group.startsWith('npm ')).map((group) => group.group.slice(4));
  if (packages.length > 0) {
    console.log('\nwall time each npm package adds when imported alone (median of 5, over an empty ESM script):');
    for (const name of packages) console.log(`  ${formatMs(importCost(name, ROOT, 5)).padStart(9)}  ${name}`);
  }
}
