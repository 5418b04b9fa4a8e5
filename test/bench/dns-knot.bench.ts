// DNS throughput as a user waits for it (issue 15): `maillint domain --file` (built CLI, whole
// process) auditing BENCH_KNOT_DOMAINS (default 1,000) domains, one MX each whose exchange has an
// A and an AAAA (3 questions a domain), against Knot DNS on loopback at concurrency 50; the
// baseline is a node:dns (c-ares) script asking the same questions at the same concurrency, also
// a whole process (test/bench/lib/cares-domains.mjs). Runs alternate; medians of BENCH_KNOT_RUNS
// (default 9). Target: within 2x of c-ares (aim 1.5x). Wall time is the figure; CPU time is printed
// alongside. Only the checks that need the MX fact run (the others, SPF's, are turned off with
// --rule), so maillint asks exactly the questions the script asks. Skipped (with a note) when knotd
// is not installed. BENCH_PROFILE=1 prints where maillint's CPU time goes.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allChecks } from '../../checks/index.js';
import { findKnotd, startKnot } from '../helpers/knot.js';
import { BUILT_CLI, ROOT, WORK_FOLDER, ensureBuilt } from './lib/build.js';
import { cpuTimeProcess, envNumber, fail, formatMs, median, printResult } from './lib/measure.js';
import { profileRun } from './lib/profile.js';

const DOMAINS = Math.max(1, envNumber('BENCH_KNOT_DOMAINS', 1000));
const RUNS = Math.max(1, envNumber('BENCH_KNOT_RUNS', 9));
const CONCURRENCY = 50;
const TARGET_RATIO = 2;
const APEX = 'bench.example.test';

if (findKnotd() === undefined) {
  console.log('knotd not found (Debian package "knot"): whole-process DNS benchmark skipped');
  process.exit(0);
}
ensureBuilt();
mkdirSync(WORK_FOLDER, { recursive: true });

const zoneFile = join(WORK_FOLDER, `${APEX}.zone`);
const listFile = join(WORK_FOLDER, 'knot-domains.txt');
const zone = [`$ORIGIN ${APEX}.`, '$TTL 300', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.53'];
const names: string[] = [];
for (let index = 0; index < DOMAINS; index += 1) {
  const label = `d${index}`;
  names.push(`${label}.${APEX}`);
  zone.push(`${label} MX 10 mx.${label}`, `mx.${label} A 192.0.2.${(index % 250) + 1}`, `mx.${label} AAAA 2001:db8::${(index % 65535).toString(16)}`);
}
writeFileSync(zoneFile, `${zone.join('\n')}\n`);
writeFileSync(listFile, `${names.join('\n')}\n`);

const knot = await startKnot({ zoneFiles: [zoneFile] });
try {
  // Domain checks that need more than the MX fact (the MX answer, the hosts' A and AAAA) are off.
  const beyondMx = allChecks.filter((check) => check.target === 'domain' && check.needs.some((fact) => fact !== 'mx')).flatMap((check) => ['--rule', `${check.id}=off`]);
  const maillintArgs = [BUILT_CLI, 'domain', '--file', listFile, '--resolver', knot.address, '--concurrency', String(CONCURRENCY), '--format', 'json', '--output', '/dev/null', '--quiet', ...beyondMx];
  const caresArgs = [join(ROOT, 'test/bench/lib/cares-domains.mjs'), knot.address, listFile, String(CONCURRENCY)];

  // Both must do the whole job: maillint exits 0 (every domain clean), c-ares answers every question.
  const check = cpuTimeProcess(process.execPath, maillintArgs, ROOT);
  if (check.status !== 0) fail(`maillint domain exited ${check.status} (expected 0: every domain is clean)`);

  const ours = { wall: [] as number[], cpu: [] as number[] };
  const cares = { wall: [] as number[], cpu: [] as number[] };
  for (let run = 0; run < RUNS; run += 1) {
    const order = run % 2 === 0 ? (['ours', 'cares'] as const) : (['cares', 'ours'] as const);
    for (const which of order) {
      const measured = cpuTimeProcess(process.execPath, which === 'ours' ? maillintArgs : caresArgs, ROOT);
      if (measured.status !== 0) fail(`${which} exited ${measured.status}`);
      const into = which === 'ours' ? ours : cares;
      into.wall.push(measured.wallMs);
      into.cpu.push(measured.cpuMs);
    }
  }
  const ratio = median(ours.wall) / median(cares.wall);
  console.log(`${DOMAINS} domains (${DOMAINS * 3} questions) against knotd on loopback, concurrency ${CONCURRENCY}, medians of ${RUNS} runs, whole process:`);
  console.log(`  maillint domain --file: wall ${formatMs(median(ours.wall))}, CPU ${formatMs(median(ours.cpu))}`);
  console.log(`  node:dns (c-ares) script: wall ${formatMs(median(cares.wall))}, CPU ${formatMs(median(cares.cpu))}`);
  printResult(
    `dns throughput, whole process: maillint domain, ${DOMAINS} domains (${DOMAINS * 3} queries) against Knot at concurrency ${CONCURRENCY}`,
    `${formatMs(median(ours.wall))} vs node:dns script ${formatMs(median(cares.wall))} = ${ratio.toFixed(2)}x (CPU ${(median(ours.cpu) / median(cares.cpu)).toFixed(2)}x)`,
    { met: ratio <= TARGET_RATIO, text: `<= ${TARGET_RATIO}x, aim 1.5x` },
  );

  if (process.env.BENCH_PROFILE === '1') {
    console.log('\nwhere one maillint run spends its CPU time (self time per source, --cpu-prof at 100 µs):');
    const groups = profileRun(maillintArgs, ROOT, WORK_FOLDER);
    const total = groups.reduce((sum, group) => sum + group.ms, 0);
    for (const { group, ms } of groups.slice(0, 16)) console.log(`  ${formatMs(ms).padStart(9)}  ${((ms / total) * 100).toFixed(0).padStart(3)}%  ${group}`);
  }
} finally {
  await knot.stop();
}
