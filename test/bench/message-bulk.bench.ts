// Bulk offline linting with the built CLI, as a user runs it on a folder:
//   1. BENCH_BULK_FILES (default 10,000) generated .eml files (1-20 KB, one in five with a problem):
//      `maillint --offline --format json --output /dev/null <folder>` against a floor script that
//      walks the same folder, reads every file (same 8 reads in flight) and splits its header
//      lines. Both are whole processes, so startup is in both; targets (DESIGN.md 9): <= 3x the
//      floor, peak RSS <= 200 MB.
//   2. One BENCH_BIG_FILE_MB (default 1024) MB message, CRLF or with BENCH_BIG_FILE_NEWLINE=lf LF
//      line endings: linted in bounded memory (peak RSS), against a floor that streams the file and
//      counts its lines. Deleted afterwards.
//   3. A folder of BENCH_MANY_FILES (default 100,000) small files: streamed, not listed into memory
//      (peak RSS and time), against the same floor script.
// Any size set to 0 skips its part. Inputs live in test/bench/.work/ (git-ignored) and are removed
// at the end unless BENCH_KEEP_WORK=1. Peak RSS comes from /usr/bin/time -v when present.

import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_CLI, ROOT, WORK_FOLDER, ensureBuilt } from './lib/build.js';
import { generateMessage, rfc5322Date, writeCorpus, writeLargeMessage } from './lib/generate-messages.js';
import { profileRun } from './lib/profile.js';
import { envNumber, fail, formatMb, formatMs, measureProcess, median, printResult, type MeasuredProcess } from './lib/measure.js';

const BULK_FILES = envNumber('BENCH_BULK_FILES', 10_000);
const BULK_RUNS = Math.max(1, envNumber('BENCH_BULK_RUNS', 3));
const BIG_FILE_MB = envNumber('BENCH_BIG_FILE_MB', 1024);
const MANY_FILES = envNumber('BENCH_MANY_FILES', 100_000);
/** `crlf` (default) or `lf`: drafts saved on Unix end lines in LF, which takes a different path in the scanner. */
const BIG_FILE_NEWLINE = (process.env.BENCH_BIG_FILE_NEWLINE ?? 'crlf').toLowerCase();
if (BIG_FILE_NEWLINE !== 'crlf' && BIG_FILE_NEWLINE !== 'lf') fail(`BENCH_BIG_FILE_NEWLINE must be crlf or lf, got ${BIG_FILE_NEWLINE}`);
const KEEP_WORK = process.env.BENCH_KEEP_WORK === '1';
const FLOOR_SCRIPT = join(ROOT, 'test/bench/lib/floor-read-split.mjs');

const TARGET_BULK_RATIO = 3;
const TARGET_RSS_MB = 200;

function lintArgs(target: string, output = '/dev/null'): string[] {
  return [BUILT_CLI, '--offline', '--format', 'json', '--output', output, target];
}

/** maillint exits 1 when it found errors (the generated corpus has some); 2 or a signal is a failure. */
function checkLintRun(run: MeasuredProcess, what: string): void {
  if (run.signal || (run.status !== 0 && run.status !== 1)) {
    fail(`maillint on ${what} ended with ${run.signal ?? `status ${run.status}`}: ${run.stderr.slice(-2000)}`);
  }
}

function checkFloorRun(run: MeasuredProcess, expectedFiles: number): void {
  if (run.status !== 0) fail(`floor script ended with status ${run.status}: ${run.stderr.slice(-2000)}`);
  const files = (JSON.parse(run.stdout) as { files: number }).files;
  if (files !== expectedFiles) fail(`floor script read ${files} files, expected ${expectedFiles}`);
}

/** One validating run: the report must hold every file, so the timing runs measure real work. */
async function validateReport(folder: string, expectedFiles: number): Promise<void> {
  const reportPath = join(WORK_FOLDER, 'bulk-report.json');
  const run = await measureProcess(process.execPath, lintArgs(folder, reportPath), ROOT);
  checkLintRun(run, folder);
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { target: string; findings: { check: string; severity: string }[] }[];
  rmSync(reportPath, { force: true });
  if (report.length !== expectedFiles) fail(`report lists ${report.length} targets, expected ${expectedFiles}`);
  const perCheck = new Map<string, number>();
  for (const result of report) for (const finding of result.findings) perCheck.set(finding.check, (perCheck.get(finding.check) ?? 0) + 1);
  const withFindings = report.filter((result) => result.findings.length > 0).length;
  const checks = [...perCheck].sort((a, b) => b[1] - a[1]).map(([check, count]) => `${check} ${count}`);
  console.log(`report: ${report.length} files, ${withFindings} with findings; findings by check: ${checks.join(', ') || 'none'}`);
}

async function bulk(): Promise<void> {
  const folder = join(WORK_FOLDER, `bulk-${BULK_FILES}`);
  rmSync(folder, { recursive: true, force: true });
  let started = Date.now();
  writeCorpus(folder, BULK_FILES);
  let bytes = 0;
  for (let index = 0; index < BULK_FILES; index += 1) bytes += Buffer.byteLength(generateMessage(index));
  console.log(`generated ${BULK_FILES} messages (${(bytes / 1024 / 1024).toFixed(0)} MB) in ${formatMs(Date.now() - started)}`);

  // Warm-up for the page cache, and a check that both sides really do their work.
  checkFloorRun(await measureProcess(process.execPath, [FLOOR_SCRIPT, folder], ROOT), BULK_FILES);
  await validateReport(folder, BULK_FILES);

  const floorRuns: MeasuredProcess[] = [];
  const lintRuns: MeasuredProcess[] = [];
  started = Date.now();
  for (let run = 0; run < BULK_RUNS; run += 1) {
    const floorRun = await measureProcess(process.execPath, [FLOOR_SCRIPT, folder], ROOT);
    checkFloorRun(floorRun, BULK_FILES);
    floorRuns.push(floorRun);
    const lintRun = await measureProcess(process.execPath, lintArgs(folder), ROOT);
    checkLintRun(lintRun, folder);
    lintRuns.push(lintRun);
  }
  const floor = median(floorRuns.map((run) => run.wallMs));
  const lint = median(lintRuns.map((run) => run.wallMs));
  const peak = Math.max(...lintRuns.map((run) => run.peakRssMb ?? Number.NaN));
  const floorPeak = Math.max(...floorRuns.map((run) => run.peakRssMb ?? Number.NaN));
  console.log(`floor (read + split headers): median ${formatMs(floor)} of ${BULK_RUNS}, peak RSS ${formatMb(floorPeak)}`);
  console.log(`maillint --offline --format json: median ${formatMs(lint)} of ${BULK_RUNS}, peak RSS ${formatMb(peak)} (${lintRuns[0]!.rssSource})`);
  printResult(`${BULK_FILES} .eml files, offline`, `${formatMs(lint)} vs floor ${formatMs(floor)} = ${(lint / floor).toFixed(2)}x`, {
    met: lint / floor <= TARGET_BULK_RATIO,
    text: `<= ${TARGET_BULK_RATIO}x`,
  });
  printResult(`${BULK_FILES} .eml files, peak RSS`, formatMb(peak), { met: peak <= TARGET_RSS_MB, text: `<= ${TARGET_RSS_MB} MB` });
  if (lint / floor > TARGET_BULK_RATIO || process.env.BENCH_PROFILE === '1') {
    console.log('\nwhere the bulk run spends its CPU time (self time per source, --cpu-prof at 100 µs):');
    const groups = profileRun(lintArgs(folder), ROOT, WORK_FOLDER);
    const total = groups.reduce((sum, group) => sum + group.ms, 0);
    for (const { group, ms } of groups.slice(0, 16)) console.log(`  ${formatMs(ms).padStart(9)}  ${((ms / total) * 100).toFixed(0).padStart(3)}%  ${group}`);
  }
  if (!KEEP_WORK) rmSync(folder, { recursive: true, force: true });
}

async function bigFile(): Promise<void> {
  const path = join(WORK_FOLDER, `big-${BIG_FILE_MB}mb.eml`);
  const started = Date.now();
  await writeLargeMessage(path, BIG_FILE_MB, BIG_FILE_NEWLINE === 'lf' ? '\n' : '\r\n');
  const size = statSync(path).size;
  console.log(`generated a ${(size / 1024 / 1024).toFixed(0)} MB message in ${formatMs(Date.now() - started)}`);
  try {
    const floorCode =
      "let n=0;for await(const c of (await import('node:fs')).createReadStream(process.argv[1],{highWaterMark:262144})){let i=-1;while((i=c.indexOf(10,i+1))!==-1)n++}console.log(n)";
    const floorRun = await measureProcess(process.execPath, ['--input-type=module', '-e', floorCode, path], ROOT);
    if (floorRun.status !== 0) fail(`big-file floor ended with status ${floorRun.status}: ${floorRun.stderr}`);
    const lintRun = await measureProcess(process.execPath, lintArgs(path), ROOT);
    checkLintRun(lintRun, path);
    console.log(`floor (stream + count lines): ${formatMs(floorRun.wallMs)}, peak RSS ${formatMb(floorRun.peakRssMb)}`);
    console.log(`maillint: ${formatMs(lintRun.wallMs)} (${(size / 1024 / 1024 / (lintRun.wallMs / 1000)).toFixed(0)} MB/s), peak RSS ${formatMb(lintRun.peakRssMb)}`);
    printResult(
      `one ${(size / 1024 / 1024).toFixed(0)} MB message (${BIG_FILE_NEWLINE.toUpperCase()})`,
      `${formatMs(lintRun.wallMs)} vs floor ${formatMs(floorRun.wallMs)} = ${(lintRun.wallMs / floorRun.wallMs).toFixed(2)}x, peak RSS ${formatMb(lintRun.peakRssMb)}`,
      { met: (lintRun.peakRssMb ?? Infinity) <= TARGET_RSS_MB, text: `peak RSS <= ${TARGET_RSS_MB} MB` },
    );
  } finally {
    rmSync(path, { force: true });
  }
}

async function manyFiles(): Promise<void> {
  const folder = join(WORK_FOLDER, `many-${MANY_FILES}`);
  rmSync(folder, { recursive: true, force: true });
  const started = Date.now();
  // Small clean messages: the cost under test is per file (walking, opening, reporting), not per
  // byte or per finding. Dated now, so date-skew stays quiet.
  const date = rfc5322Date(new Date());
  const small = (index: number): string =>
    `From: Jane Roe <jane@example.com>\r\nTo: someone${index}@example.net\r\nSubject: Note ${index}\r\nDate: ${date}\r\nMessage-ID: <${index}@example.com>\r\n\r\nHello.\r\n`;
  mkdirSync(folder, { recursive: true });
  for (let index = 0; index < MANY_FILES; index += 1) writeFileSync(join(folder, `m${index}.eml`), small(index));
  console.log(`generated ${MANY_FILES} small messages in one folder in ${formatMs(Date.now() - started)}`);
  try {
    const floorRun = await measureProcess(process.execPath, [FLOOR_SCRIPT, folder], ROOT);
    checkFloorRun(floorRun, MANY_FILES);
    const lintRun = await measureProcess(process.execPath, lintArgs(folder), ROOT);
    checkLintRun(lintRun, folder);
    console.log(`floor (read + split headers): ${formatMs(floorRun.wallMs)}, peak RSS ${formatMb(floorRun.peakRssMb)}`);
    console.log(`maillint: ${formatMs(lintRun.wallMs)}, peak RSS ${formatMb(lintRun.peakRssMb)}`);
    printResult(
      `folder of ${MANY_FILES} small files`,
      `${formatMs(lintRun.wallMs)} vs floor ${formatMs(floorRun.wallMs)} = ${(lintRun.wallMs / floorRun.wallMs).toFixed(2)}x, peak RSS ${formatMb(lintRun.peakRssMb)}`,
      { met: (lintRun.peakRssMb ?? Infinity) <= TARGET_RSS_MB, text: `peak RSS <= ${TARGET_RSS_MB} MB` },
    );
  } finally {
    if (!KEEP_WORK) rmSync(folder, { recursive: true, force: true });
  }
}

ensureBuilt();
if (BULK_FILES > 0) {
  console.log(`\n-- ${BULK_FILES} generated messages --`);
  await bulk();
}
if (BIG_FILE_MB > 0) {
  console.log(`\n-- one ${BIG_FILE_MB} MB message --`);
  await bigFile();
}
if (MANY_FILES > 0) {
  console.log(`\n-- a folder of ${MANY_FILES} small files --`);
  await manyFiles();
}
