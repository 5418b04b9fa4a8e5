// A full domain audit (MX, the mail hosts' A/AAAA, SPF with three levels of includes, DMARC) of
// BENCH_AUDIT_DOMAINS (default 1,000) domains served by Knot DNS (issue 12): the whole `maillint
// domain --file` process against a node:dns (c-ares) script making the same queries at the same
// concurrency (32), each name and type once, medians of BENCH_AUDIT_RUNS (default 3), interleaved.
// Target: maillint ≤ 2x. Also prints the queries per domain (what maillint asks, counted in process
// through the API with a counting resolver).
// Prints figures, never asserts. Skips (saying so) without knotd.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditDomains } from '../../src/engine/api.js';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import type { Resolver } from '../../src/dns/types.js';
import { findKnotd, startKnot } from '../helpers/knot.js';
import { BUILT_CLI, ensureBuilt, WORK_FOLDER } from './lib/build.js';
import { envNumber, formatMs, measureProcess, median, printResult } from './lib/measure.js';

const DOMAINS = envNumber('BENCH_AUDIT_DOMAINS', 1000);
const RUNS = Math.max(1, envNumber('BENCH_AUDIT_RUNS', 3));
const CONCURRENCY = 32;
const TARGET_RATIO = 2;
const domainOf = (index: number) => `d${index}.bench.example`;

/** Each domain: MX to one of 10 shared hosts, SPF with its own three levels of includes, its own DMARC record. */
function zoneText(): string {
  const lines = ['$ORIGIN bench.example.', '$TTL 300', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.53'];
  for (let host = 0; host < 10; host += 1) lines.push(`mx${host} A 192.0.2.${10 + host}`, `mx${host} AAAA 2001:db8::${10 + host}`);
  for (let index = 0; index < DOMAINS; index += 1) {
    const name = `d${index}`;
    lines.push(
      `${name} MX 10 mx${index % 10}`,
      `${name} TXT "v=spf1 mx include:_spf1.${name}.bench.example -all"`,
      `_spf1.${name} TXT "v=spf1 ip4:198.51.100.0/24 include:_spf2.${name}.bench.example -all"`,
      `_spf2.${name} TXT "v=spf1 a:mx${index % 10}.bench.example include:_spf3.${name}.bench.example -all"`,
      `_spf3.${name} TXT "v=spf1 ip6:2001:db8:${(index % 65535).toString(16)}::/48 -all"`,
      `_dmarc.${name} TXT "v=DMARC1; p=reject; rua=mailto:dmarc@bench.example"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The c-ares side: the queries maillint's audit makes, at the same concurrency, each (name, type) once. */
const CARES_SCRIPT = `
const { Resolver } = require('node:dns/promises');
const [server, concurrency, ...domains] = process.argv.slice(2);
const resolver = new Resolver({ timeout: 5000, tries: 2 });
resolver.setServers([server]);
const cache = new Map();
let active = 0; const waiting = [];
const limited = (task) => new Promise((done) => {
  const start = () => { active++; task().then((value) => { active--; waiting.shift()?.(); done(value); }); };
  active < Number(concurrency) ? start() : waiting.push(start);
});
function ask(type, name) {
  const key = type + ' ' + name;
  if (!cache.has(key)) cache.set(key, limited(() => resolver.resolve(name, type).catch(() => [])));
  return cache.get(key);
}
async function spf(name, depth) {
  const records = (await ask('TXT', name)).map((strings) => strings.join('')).filter((text) => /^v=spf1( |$)/i.test(text));
  if (records.length !== 1 || depth > 10) return;
  const terms = records[0].split(' ').slice(1);
  for (const term of terms) {
    const [mechanism, target] = term.replace(/^[-+~?]/, '').split(':');
    if (mechanism === 'include') await spf(target, depth + 1);
    else if (mechanism === 'a') await ask('A', target ?? name);
    else if (mechanism === 'mx') await ask('MX', target ?? name);
    else if (mechanism === 'all') break;
  }
}
async function audit(domain) {
  const mx = await ask('MX', domain);
  await Promise.all([
    ...mx.flatMap((record) => [ask('A', record.exchange), ask('AAAA', record.exchange)]),
    spf(domain, 0),
    ask('TXT', '_dmarc.' + domain),
  ]);
}
Promise.all(domains.map(audit)).then(() => console.log(cache.size));
`;

function countingResolver(inner: Resolver): Resolver & { count(): number } {
  const asked = new Set<string>();
  return { ...inner, lookup: (name, type) => (asked.add(`${type} ${name}`), inner.lookup(name, type)), count: () => asked.size };
}

const knotd = findKnotd();
if (knotd === undefined) {
  console.log('  skipped: knotd is not installed (apt-get install knot)');
} else {
  ensureBuilt();
  mkdirSync(WORK_FOLDER, { recursive: true });
  const zonePath = join(WORK_FOLDER, 'bench.example.zone');
  const listPath = join(WORK_FOLDER, 'audit-domains.txt');
  const scriptPath = join(WORK_FOLDER, 'cares-audit.cjs');
  const domains = Array.from({ length: DOMAINS }, (_, index) => domainOf(index));
  writeFileSync(zonePath, zoneText());
  writeFileSync(listPath, `${domains.join('\n')}\n`);
  writeFileSync(scriptPath, CARES_SCRIPT);
  const knot = await startKnot({ zoneFiles: [zonePath], knotd });
  try {
    const maillintArgs = [BUILT_CLI, 'domain', '--file', listPath, '--resolver', knot.address, '--concurrency', String(CONCURRENCY), '--format', 'json'];
    const caresArgs = [scriptPath, knot.address, String(CONCURRENCY), ...domains];
    // Warm Knot's caches and the page cache for both.
    await measureProcess(process.execPath, maillintArgs);
    await measureProcess(process.execPath, caresArgs);
    const ours: number[] = [];
    const cares: number[] = [];
    let caresQueries = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const oursFirst = run % 2 === 0;
      const first = await measureProcess(process.execPath, oursFirst ? maillintArgs : caresArgs);
      const second = await measureProcess(process.execPath, oursFirst ? caresArgs : maillintArgs);
      const [mine, theirs] = oursFirst ? [first, second] : [second, first];
      if (mine.signal || (mine.status !== 0 && mine.status !== 1)) console.log(`  maillint exited ${mine.status ?? mine.signal}: ${mine.stderr.slice(-500)}`);
      ours.push(mine.wallMs);
      cares.push(theirs.wallMs);
      caresQueries = Number(theirs.stdout.trim());
    }
    const resolver = countingResolver(createNetworkResolver({ servers: [knot.address], concurrency: CONCURRENCY }));
    const results = await auditDomains(domains, { resolver });
    (resolver as unknown as { close?: () => void }).close?.();
    const findings = results.reduce((sum, result) => sum + result.findings.length, 0);
    const ratio = median(ours) / median(cares);
    console.log(`  ${DOMAINS} domains (MX, A/AAAA of the hosts, SPF with 3 levels of includes, DMARC) against knotd, concurrency ${CONCURRENCY}, median of ${RUNS}:`);
    console.log(`    maillint domain --file (whole process): ${formatMs(median(ours))}   node:dns (c-ares) script: ${formatMs(median(cares))}`);
    console.log(`    queries: maillint ${resolver.count()} (${(resolver.count() / DOMAINS).toFixed(2)} per domain), c-ares script ${caresQueries}; findings ${findings}`);
    printResult(`domain audit (${DOMAINS} domains, MX + SPF + DMARC, knotd)`, `${ratio.toFixed(2)}x c-ares (${formatMs(median(ours))} vs ${formatMs(median(cares))})`, {
      met: ratio <= TARGET_RATIO,
      text: `<= ${TARGET_RATIO}x`,
    });
    printResult('domain audit queries per domain', `${(resolver.count() / DOMAINS).toFixed(2)} (each name and type once per run)`);
  } finally {
    await knot.stop();
  }
}
