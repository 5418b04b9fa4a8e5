// DNSBL fan-out (DESIGN.md 9, issue 4 item 7), against the test DNS server in a child process:
// In-process figures (the engine's run object, not the CLI):
//   1. One IP against 10 lists whose server answers after 100 ms, as a ratio to one 100 ms round
//      trip through the same resolver (target ≤ 1.5x). Each list's RFC 5782 self-test runs in
//      parallel with the real query, and the TXT reason is asked with the A query, so a cold run and
//      a listed address are still one round trip; reported separately: cold (first IP of a run:
//      self-tests + query), warm (self-tests already done), and listed (A and TXT together).
//   2. 1,000 IPs against 3 lists at concurrency 50, no injected delay: addresses and queries per
//      second, and the ratio to the same number of bare A look-ups through the resolver.
// Whole process (the built CLI, as a user runs it; issue 15):
//   3. `maillint ip <address> --dnsbl <10 lists>` against the same server answering after 100 ms,
//      against the same command answered at once (start-up and the run's own work): the latency's
//      share of the whole run in round trips (target about one; ≤ 1.5x), listed or not.
// Prints figures, never asserts.

import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DNS_CONCURRENCY } from '../../src/dns/defaults.js';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import type { DnsRecord, Resolver } from '../../src/dns/types.js';
import { validateBlocklistSettings } from '../../src/dnsbl/catalogue.js';
import { createRun } from '../../src/engine/run.js';
import { dnsblQueryName, TEST_ENTRIES } from '../../src/dnsbl/query-name.js';
import { parseIpAddress } from '../../src/net/ip.js';
import { startDnsServer } from '../helpers/dns-server.js';
import { BUILT_CLI, ROOT, ensureBuilt } from './lib/build.js';
import { envNumber, fail, formatMs, median, printResult, timeProcess } from './lib/measure.js';

const DELAY_MS = 100;
const FANOUT_LISTS = 10;
const RUNS = Math.max(1, envNumber('BENCH_DNSBL_RUNS', 5));
const BULK_IPS = envNumber('BENCH_DNSBL_IPS', 1000);
const BULK_LISTS = 3;
const BULK_CONCURRENCY = 50;
const TARGET_RATIO = 1.5;

const zones = Array.from({ length: FANOUT_LISTS }, (_, index) => `l${index}.bench.example.test`);
// RFC 2544 benchmarking space: 198.18.0.0/15.
const bulkIp = (index: number) => `198.18.${Math.floor(index / 256)}.${index % 256}`;
const LISTED_IP = '203.0.113.99';
// The in-process figures are the blocklists' alone: the reverse DNS checks, which the ip target
// also runs (their PTR query goes out in parallel), are off there. The whole-process figures keep them.
const BLOCKLISTS_ONLY = { 'ptr-missing': 'off', 'ptr-mismatch': 'off', 'ptr-generic': 'off' } as const;

type ToWorker = { delayMs: number } | 'close';
type FromWorker = { address: string } | { delaySet: number };

if (process.argv.includes('--serve')) {
  const records: DnsRecord[] = [];
  for (const zone of zones) {
    records.push({ type: 'A', name: dnsblQueryName(TEST_ENTRIES[4].listed, zone), ttl: 60, address: '127.0.0.2' });
    records.push({ type: 'A', name: dnsblQueryName(parseIpAddress(LISTED_IP), zone), ttl: 60, address: '127.0.0.2' });
    records.push({ type: 'TXT', name: dnsblQueryName(parseIpAddress(LISTED_IP), zone), ttl: 60, strings: ['bench listing'] });
  }
  // One address in twenty is listed on the first bulk list.
  for (let index = 0; index < BULK_IPS; index += 20) {
    const name = dnsblQueryName(parseIpAddress(bulkIp(index)), zones[0]!);
    records.push({ type: 'A', name, ttl: 60, address: '127.0.0.2' }, { type: 'TXT', name, ttl: 60, strings: ['bench'] });
  }
  const server = await startDnsServer({ records });
  process.on('message', (message: ToWorker) => {
    if (message === 'close') {
      void server.close().then(() => process.exit(0));
      return;
    }
    server.setFault(message.delayMs > 0 ? { kind: 'delay', ms: message.delayMs } : undefined);
    process.send!({ delaySet: message.delayMs } satisfies FromWorker);
  });
  process.send!({ address: server.address } satisfies FromWorker);
} else {
  await main();
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'] });
  const next = () => new Promise<FromWorker>((resolve) => child.once('message', (message) => resolve(message as FromWorker)));
  const { address } = (await next()) as { address: string };
  const setDelay = async (delayMs: number) => {
    const reply = next();
    child.send({ delayMs } satisfies ToWorker);
    await reply;
  };
  const resolverFor = (concurrency: number) => createNetworkResolver({ servers: [address], timeoutMs: 5000, concurrency });
  const fanoutLists = validateBlocklistSettings(zones);

  // 1. Fan-out with 100 ms per answer.
  await setDelay(DELAY_MS);
  const baseline: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  const listed: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const single = resolverFor(DEFAULT_DNS_CONCURRENCY);
    let begin = performance.now();
    await single.lookup(`${run}.rtt.bench.example.test`, 'A');
    baseline.push(performance.now() - begin);
    single.close();

    const resolver = resolverFor(DEFAULT_DNS_CONCURRENCY);
    const ipRun = createRun({ resolver, blocklists: fanoutLists, rules: BLOCKLISTS_ONLY });
    const checker = { check: async (ip: string) => (await ipRun.checkIps([ip]))[0]!.findings };
    begin = performance.now();
    const coldFindings = await checker.check(`198.51.100.${run + 1}`);
    cold.push(performance.now() - begin);
    begin = performance.now();
    await checker.check(`198.51.100.${run + 101}`);
    warm.push(performance.now() - begin);
    begin = performance.now();
    const listedFindings = await checker.check(LISTED_IP);
    listed.push(performance.now() - begin);
    resolver.close();
    if (coldFindings.length !== 0 || listedFindings.filter((finding) => finding.check === 'dnsbl-listed').length !== FANOUT_LISTS) {
      throw new Error(`unexpected findings: ${JSON.stringify({ coldFindings, listedFindings })}`);
    }
  }
  const roundTrip = median(baseline);
  console.log(`one round trip (${DELAY_MS} ms injected): median ${formatMs(roundTrip)} of ${RUNS}`);
  const ratio = (values: number[]) => median(values) / roundTrip;
  printResult(
    `dnsbl fan-out (in-process), 1 IP x ${FANOUT_LISTS} lists, cold (self-tests in parallel with the query)`,
    `${formatMs(median(cold))} = ${ratio(cold).toFixed(2)}x one round trip`,
    { met: ratio(cold) <= TARGET_RATIO, text: `≤ ${TARGET_RATIO}x` },
  );
  printResult(
    `dnsbl fan-out (in-process), 1 IP x ${FANOUT_LISTS} lists, warm (self-tests done)`,
    `${formatMs(median(warm))} = ${ratio(warm).toFixed(2)}x one round trip`,
    { met: ratio(warm) <= TARGET_RATIO, text: `≤ ${TARGET_RATIO}x` },
  );
  printResult(
    `dnsbl fan-out (in-process), 1 listed IP x ${FANOUT_LISTS} lists (TXT reason asked with the A query)`,
    `${formatMs(median(listed))} = ${ratio(listed).toFixed(2)}x one round trip`,
    { met: ratio(listed) <= TARGET_RATIO, text: `≤ ${TARGET_RATIO}x` },
  );

  // 2. Bulk: 1,000 IPs x 3 lists at concurrency 50, no delay.
  await setDelay(0);
  const bulkLists = validateBlocklistSettings(zones.slice(0, BULK_LISTS));
  const ips = Array.from({ length: BULK_IPS }, (_, index) => bulkIp(index));
  const bulk: number[] = [];
  const bare: number[] = [];
  let queries = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const resolver = resolverFor(BULK_CONCURRENCY);
    let counted = 0;
    const counting: Resolver = {
      lookup(name, type) {
        counted += 1;
        return resolver.lookup(name, type);
      },
    };
    const bulkRun = createRun({ resolver: counting, blocklists: bulkLists, rules: BLOCKLISTS_ONLY });
    const checker = { check: async (ip: string) => (await bulkRun.checkIps([ip]))[0]!.findings };
    let begin = performance.now();
    await Promise.all(ips.map((ip) => checker.check(ip)));
    bulk.push(performance.now() - begin);
    resolver.close();
    queries = counted;

    // The floor: as many bare A look-ups of distinct names through the same resolver.
    const plain = resolverFor(BULK_CONCURRENCY);
    begin = performance.now();
    await Promise.all(Array.from({ length: counted }, (_, index) => plain.lookup(`${run}-${index}.floor.bench.example.test`, 'A')));
    bare.push(performance.now() - begin);
    plain.close();
  }
  const bulkMs = median(bulk);
  printResult(
    `dnsbl bulk (in-process), ${BULK_IPS} IPs x ${BULK_LISTS} lists at concurrency ${BULK_CONCURRENCY}`,
    `${formatMs(bulkMs)}: ${Math.round((BULK_IPS / bulkMs) * 1000)} IPs/s, ${Math.round((queries / bulkMs) * 1000)} queries/s (${queries} queries); ${(bulkMs / median(bare)).toFixed(2)}x the same number of bare A look-ups (${formatMs(median(bare))})`,
  );
  // 3. Whole process: the CLI answered after 100 ms per reply against the CLI answered at once.
  ensureBuilt();
  const cli = (ip: string) => [BUILT_CLI, 'ip', ip, '--resolver', address, '--format', 'json', ...zones.flatMap((zone) => ['--dnsbl', zone])];
  const wholeRun = (ip: string, listedExpected: boolean): number => {
    const run = timeProcess(process.execPath, cli(ip), { cwd: ROOT });
    const listedFindings = run.status === 2 ? [] : (JSON.parse(run.stdout) as { findings: { check: string }[] }[])[0]!.findings.filter((finding) => finding.check === 'dnsbl-listed');
    if (run.status === 2 || listedFindings.length !== (listedExpected ? FANOUT_LISTS : 0)) fail(`maillint ip ${ip}: exit ${run.status}, ${listedFindings.length} listings: ${run.stderr.slice(0, 300)}`);
    return run.wallMs;
  };
  for (const [label, ip, listedExpected] of [['not listed', '198.51.100.7', false], ['listed', LISTED_IP, true]] as const) {
    const answeredAtOnce: number[] = [];
    const delayed: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await setDelay(0);
      answeredAtOnce.push(wholeRun(ip, listedExpected));
      await setDelay(DELAY_MS);
      delayed.push(wholeRun(ip, listedExpected));
    }
    const latencyShare = (median(delayed) - median(answeredAtOnce)) / DELAY_MS;
    printResult(
      `dnsbl fan-out, whole process: maillint ip, 1 ${label} IP x ${FANOUT_LISTS} lists, answers after ${DELAY_MS} ms`,
      `${formatMs(median(delayed))} against ${formatMs(median(answeredAtOnce))} answered at once: the latency adds ${latencyShare.toFixed(2)} round trips`,
      { met: latencyShare <= TARGET_RATIO, text: `about 1, ≤ ${TARGET_RATIO}` },
    );
  }
  child.send('close' satisfies ToWorker);
}
