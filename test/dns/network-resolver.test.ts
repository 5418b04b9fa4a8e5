// The network resolver against the in-process test server on 127.0.0.1: statuses, sharing,
// caching, concurrency, TCP fallback and deadlines. Timeouts are small (200–300 ms); nothing here
// asserts wall time, only outcomes.

import { createSocket } from 'node:dgram';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import type { DnsRecord, LookupResult } from '../../src/dns/types.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { skipBecause } from '../helpers/skip.js';

const records: DnsRecord[] = [
  { type: 'MX', name: 'example.com', ttl: 300, preference: 10, exchange: 'mail.example.com' },
  { type: 'A', name: 'mail.example.com', ttl: 300, address: '192.0.2.10' },
  { type: 'AAAA', name: 'mail.example.com', ttl: 300, address: '2001:db8::10' },
  { type: 'TXT', name: 'example.com', ttl: 300, strings: ['v=spf1 -all'] },
  { type: 'CNAME', name: 'www.example.com', ttl: 300, target: 'mail.example.com' },
  ...Array.from({ length: 200 }, (_, index): DnsRecord => ({ type: 'MX', name: `d${index}.example.net`, ttl: 60, preference: 0, exchange: 'mx.example.net' })),
];

const test = suite('network resolver');
let server: TestDnsServer;

test.before(async () => {
  server = await startDnsServer({ records });
});
test.after(() => server.close());
test.before.each(() => {
  server.setFault(undefined);
  server.queries.length = 0;
});

const resolverFor = (options: { timeoutMs?: number; concurrency?: number; servers?: string[] } = {}) =>
  createNetworkResolver({ servers: options.servers ?? [server.address], timeoutMs: options.timeoutMs ?? 300, concurrency: options.concurrency });

function detailOf(result: LookupResult): string {
  return 'detail' in result ? result.detail : '';
}

test('ok: records of the asked type, names normalised, the server named', async () => {
  const result = await resolverFor().lookup('EXAMPLE.com.', 'MX');
  assert.equal(result, {
    status: 'ok',
    query: { name: 'example.com', type: 'MX' },
    records: [{ type: 'MX', name: 'example.com', ttl: 300, preference: 10, exchange: 'mail.example.com' }],
    server: server.address,
  });
  const txt = await resolverFor().lookup('example.com', 'TXT');
  assert.equal(txt.status === 'ok' && txt.records[0], { type: 'TXT', name: 'example.com', ttl: 300, strings: ['v=spf1 -all'] });
  const aaaa = await resolverFor().lookup('mail.example.com', 'AAAA');
  assert.equal(aaaa.status === 'ok' && aaaa.records.map((record) => record.type === 'AAAA' && record.address), ['2001:db8::10']);
});

test('a CNAME chain is kept in the answer', async () => {
  const result = await resolverFor().lookup('www.example.com', 'A');
  assert.is(result.status, 'ok');
  assert.equal(result.status === 'ok' && result.records.map((record) => record.type), ['CNAME', 'A']);
});

test('records owned by names off the question\'s CNAME chain are dropped, not trusted (RFC 2181 5.4.1)', async () => {
  server.setFault({ kind: 'foreign-records' });
  // The only MX in the answer belongs to another name: NODATA, not an MX for example.com.
  const elsewhere = await resolverFor().lookup('mail.example.com', 'MX');
  assert.equal(elsewhere.status === 'nodata' && elsewhere.records, []);
  const mx = await resolverFor().lookup('example.com', 'MX');
  assert.equal(mx.status === 'ok' && mx.records.map((record) => record.name), ['example.com']);
  // Through a CNAME chain: records of the chain's names stay, others go.
  const a = await resolverFor().lookup('www.example.com', 'A');
  assert.equal(a.status === 'ok' && a.records.map((record) => `${record.type} ${record.name}`), ['CNAME www.example.com', 'A mail.example.com']);
  const none = await resolverFor().lookup('example.com', 'A');
  assert.equal(none.status === 'nodata' && none.records, []);
});

test('NXDOMAIN, NODATA, SERVFAIL and REFUSED are distinct, with details naming query and server', async () => {
  assert.is((await resolverFor().lookup('missing.example.com', 'A')).status, 'nxdomain');
  const nodata = await resolverFor().lookup('mail.example.com', 'MX');
  assert.is(nodata.status, 'nodata');
  server.setFault({ kind: 'servfail' });
  const servfail = await resolverFor().lookup('example.com', 'MX');
  assert.is(servfail.status, 'servfail');
  assert.is(detailOf(servfail), `MX example.com: ${server.address} answered SERVFAIL`);
  server.setFault({ kind: 'refused' });
  const refused = await resolverFor().lookup('example.com', 'MX');
  assert.is(refused.status, 'refused');
  assert.match(detailOf(refused), `${server.address} answered REFUSED`);
});

test('timeout: the detail names the query, the server and the deadline', async () => {
  server.setFault({ kind: 'drop' });
  const result = await resolverFor({ timeoutMs: 200 }).lookup('example.com', 'MX');
  assert.is(result.status, 'timeout');
  assert.is(detailOf(result), `MX example.com: no answer from ${server.address} within 200 ms`);
  // One retry to the same server within the deadline.
  assert.equal(server.queries.map((query) => query.transport), ['udp', 'udp']);
});

test('a delay inside the deadline still answers', async () => {
  server.setFault({ kind: 'delay', ms: 30 });
  assert.is((await resolverFor({ timeoutMs: 1000 }).lookup('example.com', 'MX')).status, 'ok');
});

test('concurrent callers share one in-flight lookup; the result is cached for the run', async () => {
  server.setFault({ kind: 'delay', ms: 20 });
  const resolver = resolverFor({ timeoutMs: 1000 });
  const results = await Promise.all(Array.from({ length: 10 }, () => resolver.lookup('Example.com', 'MX')));
  assert.ok(results.every((result) => result === results[0]));
  assert.is((await resolver.lookup('example.com.', 'MX')).status, 'ok');
  assert.is(server.queries.length, 1);
  // Another type is another question.
  await resolver.lookup('example.com', 'TXT');
  assert.is(server.queries.length, 2);
});

test('failures are cached within the run too', async () => {
  server.setFault({ kind: 'servfail' });
  const resolver = resolverFor();
  await resolver.lookup('example.com', 'MX');
  server.setFault(undefined);
  assert.is((await resolver.lookup('example.com', 'MX')).status, 'servfail');
  assert.is(server.queries.length, 1);
  // A new resolver (a new run) asks again.
  assert.is((await resolverFor().lookup('example.com', 'MX')).status, 'ok');
});

test('at most `concurrency` questions are in flight at the server', async () => {
  const quiet = await startDnsServer({ records, faults: [{ kind: 'delay', ms: 15 }] });
  try {
    const resolver = createNetworkResolver({ servers: [quiet.address], timeoutMs: 2000, concurrency: 4 });
    const results = await Promise.all(Array.from({ length: 40 }, (_, index) => resolver.lookup(`d${index}.example.net`, 'MX')));
    assert.ok(results.every((result) => result.status === 'ok'));
    assert.is(quiet.queries.length, 40);
    assert.ok(quiet.maxInFlight <= 4, `server saw ${quiet.maxInFlight} in flight`);
    assert.ok(quiet.maxInFlight > 1, 'questions were asked in parallel');
  } finally {
    await quiet.close();
  }
});

/**
 * Tests that assert the exact sequence of transports: the deadline is spread over the UDP tries, so
 * a short one lets a slow (loaded) machine add a retry before the first answer is read.
 */
const SEQUENCE_TIMEOUT_MS = 10_000;

test('TC=1 over UDP: the same question is asked over TCP', async () => {
  server.setFault({ kind: 'truncate' });
  const result = await resolverFor({ timeoutMs: SEQUENCE_TIMEOUT_MS }).lookup('example.com', 'MX');
  assert.is(result.status, 'ok');
  assert.equal(server.queries.map((query) => query.transport), ['udp', 'tcp']);
});

test('a TCP answer split into one-byte chunks is reassembled', async () => {
  server.setFault({ kind: 'truncate-tcp-trickle' });
  assert.is((await resolverFor({ timeoutMs: 2000 }).lookup('mail.example.com', 'A')).status, 'ok');
});

test('TC=1 over TCP as well: a failed lookup, never data (no empty answer, no partial MX set)', async () => {
  const exchanges = ['mx1.multi.example.com', 'mx2.multi.example.com', 'mx3.multi.example.com'];
  server.setRecords([...records, ...exchanges.map((exchange, index): DnsRecord => ({ type: 'MX', name: 'multi.example.com', ttl: 60, preference: index, exchange }))]);
  try {
    server.setFault({ kind: 'tcp-truncated' });
    const empty = await resolverFor({ timeoutMs: SEQUENCE_TIMEOUT_MS }).lookup('example.com', 'MX');
    assert.is(empty.status, 'malformed');
    assert.match(detailOf(empty), /truncated \(TC\) over TCP as well/);
    server.setFault({ kind: 'tcp-truncated-partial' });
    const partial = await resolverFor({ timeoutMs: SEQUENCE_TIMEOUT_MS }).lookup('multi.example.com', 'MX');
    assert.is(partial.status, 'malformed');
    assert.equal(server.queries.map((query) => query.transport), ['udp', 'tcp', 'udp', 'tcp']);
  } finally {
    server.setRecords(records);
  }
});

test('an answer too big for UDP (EDNS 1232) comes back truncated and is fetched over TCP', async () => {
  const big = Array.from({ length: 120 }, (_, index): DnsRecord => ({ type: 'A', name: 'big.example.com', ttl: 60, address: `192.0.2.${index}` }));
  server.setRecords([...records, ...big]);
  try {
    const result = await resolverFor({ timeoutMs: SEQUENCE_TIMEOUT_MS }).lookup('big.example.com', 'A');
    assert.is(result.status === 'ok' && result.records.length, 120);
    assert.equal(server.queries.map((query) => query.transport), ['udp', 'tcp']);
  } finally {
    server.setRecords(records);
  }
});

test('deadline on the TCP path: a silent TCP, a TCP closing mid-answer, a TCP closing at once', async () => {
  server.setFault({ kind: 'truncate-tcp-silent' });
  const silent = await resolverFor({ timeoutMs: 250 }).lookup('example.com', 'MX');
  assert.is(silent.status, 'timeout');
  assert.match(detailOf(silent), 'over TCP (the UDP answer was truncated) within 250 ms');
  server.setFault({ kind: 'tcp-close-mid-answer' });
  const cut = await resolverFor({ timeoutMs: 250 }).lookup('example.com', 'MX');
  assert.is(cut.status, 'network-error');
  assert.match(detailOf(cut), /closed before a complete answer after \d+ of \d+ bytes/);
  server.setFault({ kind: 'truncate-tcp-fails' });
  assert.is((await resolverFor({ timeoutMs: 250 }).lookup('example.com', 'MX')).status, 'network-error');
});

test('stray packets are ignored while waiting: garbage, wrong ID, wrong question, wrong port, then the answer', async () => {
  for (const kind of ['garbage', 'wrong-id', 'wrong-question', 'wrong-sender'] as const) {
    server.setFault({ kind, thenAnswer: true });
    const result = await resolverFor({ timeoutMs: 1000 }).lookup('example.com', 'MX');
    assert.is(result.status, 'ok', `${kind} then the answer`);
  }
});

test('a nameserver port where nothing listens fails at once (ICMP port unreachable), not after the deadline', async () => {
  // A port that was just free: bind, note it, close.
  const probe = createSocket('udp4');
  await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', () => resolve()));
  const port = probe.address().port;
  probe.close();
  const resolver = createNetworkResolver({ servers: [`127.0.0.1:${port}`], timeoutMs: 60_000 });
  try {
    const result = await Promise.race([
      resolver.lookup('example.com', 'MX'),
      new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 5_000).unref()),
    ]);
    assert.is.not(result, 'still waiting', 'a refused port must not wait out a 60 s deadline');
    if (result === 'still waiting') return;
    assert.is(result.status, 'network-error');
    assert.match(detailOf(result), /port unreachable/);
    // Each try meets the same refusal: the detail says it once, not once per try.
    assert.is(detailOf(result).split('port unreachable').length - 1, 1, detailOf(result));
  } finally {
    await resolver.close();
  }
});

test('only stray packets: malformed once the deadline passes, saying what was dropped', async () => {
  server.setFault({ kind: 'wrong-id' });
  const result = await resolverFor({ timeoutMs: 200 }).lookup('example.com', 'MX');
  assert.is(result.status, 'malformed');
  assert.match(detailOf(result), /^MX example\.com: no answer from 127\.0\.0\.1:\d+ within 200 ms; dropped 2 packets that did not answer it: 2 × wrong ID$/);
});

test('sockets are reused; a late answer to the previous question on a socket is neither taken nor counted', async () => {
  server.setFaults([
    { kind: 'delay', ms: 150, match: 'mail.example.com' },
    { kind: 'drop', match: 'example.com' },
  ]);
  const resolver = resolverFor({ timeoutMs: 100, concurrency: 1 });
  assert.is((await resolver.lookup('mail.example.com', 'A')).status, 'timeout');
  // Asked on the same (pooled) socket while the late answers to the first question arrive.
  const second = await resolver.lookup('example.com', 'MX');
  assert.is(second.status, 'timeout', detailOf(second));
});

test('a silent first nameserver: the second one answers within the same deadline', async () => {
  const silent = await startDnsServer({ records, faults: [{ kind: 'drop' }] });
  try {
    const result = await resolverFor({ servers: [silent.address, server.address], timeoutMs: 400 }).lookup('example.com', 'MX');
    assert.is(result.status, 'ok');
    assert.is(result.server, server.address);
    assert.is(silent.queries.length, 2);
  } finally {
    await silent.close();
  }
});

test('SERVFAIL from the first nameserver: the next one is asked at once', async () => {
  const failing = await startDnsServer({ records, faults: [{ kind: 'servfail' }] });
  try {
    const result = await resolverFor({ servers: [failing.address, server.address], timeoutMs: 5000 }).lookup('example.com', 'MX');
    assert.is(result.status, 'ok');
    assert.is(failing.queries.length, 1);
    // Every nameserver failing: the failure is reported, not a timeout.
    const both = await resolverFor({ servers: [failing.address, failing.address], timeoutMs: 300 }).lookup('example.com', 'TXT');
    assert.is(both.status, 'servfail');
  } finally {
    await failing.close();
  }
});

test('invalid query names are never sent', async () => {
  const resolver = resolverFor();
  for (const name of ['a..b.example.com', 'bad name.example.com', 'x'.repeat(64) + '.example.com', `${'a.'.repeat(130)}com`, 'evil\u001b[31m.example.com', '']) {
    const result = await resolver.lookup(name, 'A');
    assert.is(result.status, 'malformed', JSON.stringify(name));
    assert.match(detailOf(result), 'not sent');
  }
  assert.is(server.queries.length, 0);
});

test('100 names against a silent server with concurrency 50 all end as timeouts', async () => {
  const silent = await startDnsServer({ records, faults: [{ kind: 'drop' }] });
  try {
    const resolver = createNetworkResolver({ servers: [silent.address], timeoutMs: 300, concurrency: 50 });
    const results = await Promise.all(Array.from({ length: 100 }, (_, index) => resolver.lookup(`d${index}.example.net`, 'MX')));
    assert.is(results.filter((result) => result.status === 'timeout').length, 100);
  } finally {
    await silent.close();
  }
});

test('close() ends lookups in flight with a network-error', async () => {
  server.setFault({ kind: 'drop' });
  const resolver = resolverFor({ timeoutMs: 5000 });
  const pending = resolver.lookup('example.com', 'MX');
  setTimeout(() => resolver.close(), 20);
  const result = await pending;
  assert.is(result.status, 'network-error');
  assert.match(detailOf(result), 'closed');
});

if (await hasIpv6Loopback()) {
  test('an IPv6 nameserver ([::1]:port)', async () => {
    const v6 = await startDnsServer({ records, ipv6: true });
    try {
      assert.match(v6.address, /^\[::1\]:\d+$/);
      const result = await createNetworkResolver({ servers: [v6.address], timeoutMs: 300 }).lookup('example.com', 'MX');
      assert.is(result.status, 'ok');
      assert.is(result.server, v6.address);
    } finally {
      await v6.close();
    }
  });
} else {
  skipBecause(test, 'an IPv6 nameserver ([::1]:port)', 'this machine has no IPv6 loopback to listen on');
}

test('no nameservers: a missing or empty resolv.conf is a clear network-error, never a public resolver', async () => {
  const missing = createNetworkResolver({ resolvConfPath: '/nonexistent/resolv.conf', timeoutMs: 200 });
  const result = await missing.lookup('example.com', 'MX');
  assert.is(result.status, 'network-error');
  assert.match(detailOf(result), /no nameservers: cannot read \/nonexistent\/resolv\.conf \(ENOENT\); pass --resolver/);
});

test.run();

async function hasIpv6Loopback(): Promise<boolean> {
  const socket = createSocket('udp6');
  return new Promise<boolean>((resolve) => {
    socket.once('error', () => resolve(false));
    socket.bind(0, '::1', () => socket.close(() => resolve(true)));
  });
}
