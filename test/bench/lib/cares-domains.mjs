// The baseline the whole-process DNS benchmark compares `maillint domain` with: the same questions
// through node:dns (c-ares) at the same concurrency. Per domain its MX, then each exchange's A and
// AAAA at once, as maillint's domain audit asks them; at most <concurrency> questions in flight.
// Plain JavaScript run by plain node, so the baseline pays no TypeScript loader either.
// Usage: node cares-domains.mjs <host:port> <list-file> <concurrency>

import { Resolver } from 'node:dns/promises';
import { readFileSync } from 'node:fs';

const [server, listFile, concurrencyText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const resolver = new Resolver({ timeout: 5000, tries: 2 });
resolver.setServers([server]);

let running = 0;
const waiting = [];
async function limit(task) {
  if (running < concurrency) running += 1;
  else await new Promise((resolve) => waiting.push(resolve));
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

let answered = 0;
let failed = 0;
const count = (promise) => promise.then((value) => ((answered += 1), value), () => ((failed += 1), []));

async function audit(domain) {
  const mx = await count(limit(() => resolver.resolveMx(domain)));
  await Promise.all(
    mx.flatMap(({ exchange }) => [count(limit(() => resolver.resolve4(exchange))), count(limit(() => resolver.resolve6(exchange)))]),
  );
}

const domains = readFileSync(listFile, 'utf8').split('\n').filter((line) => line.trim() !== '');
await Promise.all(domains.map(audit));
console.log(JSON.stringify({ domains: domains.length, answered, failed }));
