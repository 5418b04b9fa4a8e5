// In-process DNS throughput (DESIGN.md 9, issue 3 item 7): the resolver alone, not the CLI (the
// whole-process figure a user waits for is test/bench/dns-knot.bench.ts), against the test DNS server running in a child
// process (so its own encoding work does not share the clients' event loop):
//   1. BENCH_DNS_NAMES (default 1,000) MX look-ups of distinct names, maillint's network resolver
//      against node:dns `Resolver` (c-ares) pointed at the same server, both at concurrency 32
//      (c-ares through the same limiter), runs interleaved, medians of BENCH_DNS_RUNS (default 5).
//      Target: maillint ≤ 2x c-ares.
//   2. The same names with 100 ms of injected server latency at concurrency 50: the wall time in
//      round trips (ideally names / 50 = 20; one after another would be 1,000).
// Prints figures, never asserts.

import { Resolver as CaresResolver } from 'node:dns/promises';
import { performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLimiter } from '../../src/dns/limiter.js';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { startDnsServer } from '../helpers/dns-server.js';
import { envNumber, formatMs, median, printResult } from './lib/measure.js';

const NAMES = envNumber('BENCH_DNS_NAMES', 1000);
const RUNS = Math.max(1, envNumber('BENCH_DNS_RUNS', 5));
const CONCURRENCY = 32;
const DELAY_MS = 100;
const DELAY_CONCURRENCY = 50;
const TARGET_RATIO = 2;

const nameOf = (index: number) => `d${index}.example.net`;

type ToWorker = { delayMs: number };
type FromWorker = { address: string; port: number } | { delaySet: number };

const isServer = process.argv.includes('--serve');
if (isServer) {
  // The server side: answers every name's MX from a table.
  const records: DnsRecord[] = Array.from({ length: NAMES }, (_, index) => ({
    type: 'MX',
    name: nameOf(index),
    ttl: 300,
    preference: 10,
    exchange: `mx${index % 10}.example.net`,
  }));
  const server = await startDnsServer({ records });
  process.on('message', (message: ToWorker | 'close') => {
    if (message === 'close') {
      void server.close().then(() => process.exit(0));
      return;
    }
    server.setFault(message.delayMs > 0 ? { kind: 'delay', ms: message.delayMs } : undefined);
    process.send!({ delaySet: message.delayMs } satisfies FromWorker);
  });
  process.send!({ address: server.address, port: server.port } satisfies FromWorker);
} else {
  await main();
}

async function main(): Promise<void> {
  const server = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'] });
  const next = () => new Promise<FromWorker>((resolve) => server.once('message', (message) => resolve(message as FromWorker)));
  const started = (await next()) as { address: string; port: number };
  const setDelay = async (delayMs: number) => {
    const reply = next();
    server.send({ delayMs } satisfies ToWorker);
    await reply;
  };
  const names = Array.from({ length: NAMES }, (_, index) => nameOf(index));

  async function runMaillint(list: readonly string[], concurrency: number): Promise<{ ms: number; ok: number }> {
    const resolver = createNetworkResolver({ servers: [started.address], timeoutMs: 5000, concurrency });
    const begin = performance.now();
    const results = await Promise.all(list.map((name) => resolver.lookup(name, 'MX')));
    const ms = performance.now() - begin;
    resolver.close();
    return { ms, ok: results.filter((result) => result.status === 'ok').length };
  }

  async function runCares(list: readonly string[], concurrency: number): Promise<{ ms: number; ok: number }> {
    const resolver = new CaresResolver({ timeout: 5000, tries: 2 });
    resolver.setServers([started.address]);
    const limit = createLimiter(concurrency);
    const begin = performance.now();
    const results = await Promise.all(
      list.map((name) =>
        limit(() =>
          resolver.resolveMx(name).then(
            () => true,
            () => false,
          ),
        ),
      ),
    );
    const ms = performance.now() - begin;
    resolver.cancel();
    return { ms, ok: results.filter(Boolean).length };
  }

  // Warm up both clients and the server (JIT): early runs are several times slower than later ones.
  for (let warm = 0; warm < 3; warm += 1) {
    await runMaillint(names, CONCURRENCY);
    await runCares(names, CONCURRENCY);
  }

  const ours: number[] = [];
  const cares: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    // Alternate which goes first, so drift in machine load hits both alike.
    const oursFirst = run % 2 === 0;
    const first = oursFirst ? await runMaillint(names, CONCURRENCY) : await runCares(names, CONCURRENCY);
    const second = oursFirst ? await runCares(names, CONCURRENCY) : await runMaillint(names, CONCURRENCY);
    const [a, b] = oursFirst ? [first, second] : [second, first];
    if (a.ok !== NAMES || b.ok !== NAMES) console.log(`  run ${run + 1}: answered ok: maillint ${a.ok}/${NAMES}, c-ares ${b.ok}/${NAMES}`);
    ours.push(a.ms);
    cares.push(b.ms);
  }
  const ratio = median(ours) / median(cares);
  console.log(`  ${NAMES} MX look-ups at concurrency ${CONCURRENCY}, median of ${RUNS} runs:`);
  console.log(`    maillint resolver: ${formatMs(median(ours))}   node:dns (c-ares): ${formatMs(median(cares))}`);
  printResult(
    `dns throughput (in-process resolver only), ${NAMES} MX, concurrency ${CONCURRENCY}`,
    `${ratio.toFixed(2)}x c-ares (${formatMs(median(ours))} vs ${formatMs(median(cares))})`,
    { met: ratio <= TARGET_RATIO, text: `<= ${TARGET_RATIO}x` },
  );

  await setDelay(DELAY_MS);
  const delayed = await runMaillint(names, DELAY_CONCURRENCY);
  const delayedCares = await runCares(names, DELAY_CONCURRENCY);
  const roundTrips = delayed.ms / DELAY_MS;
  const ideal = Math.ceil(NAMES / DELAY_CONCURRENCY);
  console.log(`  ${NAMES} MX look-ups, server latency ${DELAY_MS} ms, concurrency ${DELAY_CONCURRENCY}: ok ${delayed.ok}/${NAMES}`);
  console.log(`    c-ares at the same concurrency: ${formatMs(delayedCares.ms)} = ${(delayedCares.ms / DELAY_MS).toFixed(1)} round trips`);
  printResult(
    `dns with ${DELAY_MS} ms latency (in-process), ${NAMES} names, concurrency ${DELAY_CONCURRENCY}`,
    `${formatMs(delayed.ms)} = ${roundTrips.toFixed(1)} round trips (ideal ${ideal}; serial would be ${NAMES})`,
    { met: roundTrips <= ideal * 1.5, text: `about ${ideal} round trips` },
  );

  server.send('close');
  await new Promise((resolve) => server.once('exit', resolve));
}
