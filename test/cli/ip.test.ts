// `maillint ip` in-process, with --resolver at an in-process DNS server serving local blocklist zones.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { checkIps } from '../../src/engine/api.js';
import type { TargetResult } from '../../src/types.js';
import { runCli, runCliSnapshotAtFirstWrite, temporaryFolder } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { listing, testEntryRecords } from '../dnsbl/blocklist-helpers.js';

const test = suite('maillint ip');
let server: TestDnsServer;
let folder: { path: string; cleanup: () => void };

const ZEN = 'zen.example.test';
const BL = 'bl.example.test';

test.before(async () => {
  server = await startDnsServer({ records: [] });
  folder = temporaryFolder();
});
test.after(async () => {
  await server.close();
  folder.cleanup();
});

/** Reverse DNS that passes the ptr-* checks for the addresses these tests use: they are about the blocklists. */
const REVERSE_DNS: DnsRecord[] = [
  { type: 'PTR', name: '7.113.0.203.in-addr.arpa', ttl: 60, target: 'mail.example.com' },
  { type: 'PTR', name: '1.100.51.198.in-addr.arpa', ttl: 60, target: 'relay.example.com' },
  { type: 'A', name: 'mail.example.com', ttl: 60, address: '203.0.113.7' },
  { type: 'A', name: 'relay.example.com', ttl: 60, address: '198.51.100.1' },
  { type: 'PTR', name: '2.100.51.198.in-addr.arpa', ttl: 60, target: 'relay.example.com' },
  { type: 'A', name: 'relay.example.com', ttl: 60, address: '198.51.100.2' },
];
const isReverseDns = (name: string): boolean => name.endsWith('.arpa') || name.endsWith('.example.com');

function load(records: DnsRecord[]): void {
  server.setRecords([...testEntryRecords(ZEN, true), ...testEntryRecords(BL), ...REVERSE_DNS, ...records]);
  server.setFaults([]);
  server.queries.length = 0;
}

function ip(args: string[], options: { stdin?: string; cwd?: string } = {}) {
  return runCli(['ip', ...args, '--resolver', server.address, '--timeout', '1000'], { cwd: options.cwd ?? folder.path, ...options });
}

test('a listed address: error finding naming the list, exit 1', async () => {
  load(listing(BL, '203.0.113.7', ['127.0.0.2'], [['Listed for spam']]));
  const run = await ip(['203.0.113.7', '--dnsbl', BL]);
  assert.is(run.code, 1, run.stderr);
  assert.match(run.stdout, /203\.0\.113\.7 is listed on bl\.example\.test: 127\.0\.0\.2 — the list says: "Listed for spam"/);
  assert.match(run.stdout, /dnsbl-listed/);
});

test('reverse DNS beside the blocklists: no PTR is ptr-missing (Gmail\'s 550 5.7.25), a PTR elsewhere ptr-mismatch', async () => {
  load([{ type: 'PTR', name: '8.113.0.203.in-addr.arpa', ttl: 60, target: 'mail.example.com' }]);
  const run = await ip(['203.0.113.99', '203.0.113.8', '--dnsbl', BL, '--format', 'json']);
  assert.is(run.code, 1, run.stderr);
  const results = JSON.parse(run.stdout) as TargetResult[];
  assert.equal(results.map((result) => result.findings.map((finding) => finding.check)), [['ptr-missing'], ['ptr-mismatch']]);
  assert.match(results[0]!.findings[0]!.message, /203\.0\.113\.99 has no PTR record \(99\.113\.0\.203\.in-addr\.arpa/);
  assert.ok(server.queries.some((query) => query.name === '99.113.0.203.in-addr.arpa' && query.type === 'PTR'));
});

test('a resolver port where nothing listens: dnsbl-unusable says "network error" in words, as the other checks do', async () => {
  const run = await runCli(['ip', '192.0.2.9', '--dnsbl', 'bl.example.test', '--resolver', '127.0.0.1:1', '--timeout', '1000'], { cwd: folder.path });
  assert.is(run.code, 1);
  assert.match(run.stdout, /against bl\.example\.test: lookup failed \(network error\)/);
  assert.not.match(run.stdout, /network-error/);
});

test('a clean address: exit 0, no problems', async () => {
  load([]);
  const run = await ip(['198.51.100.1', '--dnsbl', BL, '--dnsbl', ZEN]);
  assert.is(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /no problems/);
});

test('--dnsbl replaces the default lists: no query to any other zone', async () => {
  load([]);
  await ip(['198.51.100.1', '--dnsbl', BL]);
  assert.ok(server.queries.length > 0);
  assert.equal(server.queries.filter((query) => !query.name.endsWith(`.${BL}`) && !isReverseDns(query.name)), []);
});

test('JSON: target is the address as written, one result per input in order', async () => {
  load(listing(BL, '203.0.113.7', ['127.0.0.2']));
  const run = await ip(['::FFFF:203.0.113.7', '198.51.100.1', '--dnsbl', BL, '--format', 'json']);
  const results = JSON.parse(run.stdout) as TargetResult[];
  assert.equal(results.map((result) => result.target), ['::FFFF:203.0.113.7', '198.51.100.1']);
  assert.equal(results[0]!.findings.map((finding) => finding.check), ['dnsbl-listed']);
  assert.equal(results[1]!.findings, []);
});

test('a bad address: exit 2, the error names it (and where), nothing is queried', async () => {
  load([]);
  const run = await ip(['203.0.113.7', '01.2.3.4', 'mail.example.com', '--dnsbl', BL]);
  assert.is(run.code, 2);
  assert.match(run.stderr, /argument 2: "01\.2\.3\.4" is not an IP address: .*leading zero/);
  assert.match(run.stderr, /argument 3: "mail\.example\.com" is not an IP address/);
  assert.is(run.stdout, '');
  assert.equal(server.queries, []);
});

test('--file: one address a line, # comments and blank lines skipped; a bad line is named file:line', async () => {
  load(listing(BL, '192.0.2.9', ['127.0.0.2']));
  writeFileSync(join(folder.path, 'ips.txt'), '# our outbound relays\n192.0.2.9   # relay 1\n\n198.51.100.1\r\n');
  const good = await ip(['--file', 'ips.txt', '--dnsbl', BL, '--format', 'json']);
  assert.is(good.code, 1, good.stderr);
  assert.equal((JSON.parse(good.stdout) as TargetResult[]).map((result) => result.target), ['192.0.2.9', '198.51.100.1']);

  writeFileSync(join(folder.path, 'bad.txt'), '192.0.2.9\n192.0.2\n');
  server.queries.length = 0;
  const bad = await ip(['--file', 'bad.txt', '--dnsbl', BL]);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /bad\.txt:2: "192\.0\.2" is not an IP address/);
  assert.equal(server.queries, []);

  const missing = await ip(['--file', 'nope.txt', '--dnsbl', BL]);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /--file nope\.txt: cannot read it/);
});

test('--file - reads stdin', async () => {
  load([]);
  const run = await ip(['--file', '-', '--dnsbl', BL, '--format', 'json'], { stdin: '198.51.100.1\n198.51.100.2\n' });
  assert.is(run.code, 0, run.stderr);
  assert.equal((JSON.parse(run.stdout) as TargetResult[]).length, 2);
});

test('usage errors: --offline, no addresses, a bad --dnsbl zone', async () => {
  const offline = await runCli(['ip', '203.0.113.7', '--offline'], { cwd: folder.path });
  assert.is(offline.code, 2);
  assert.match(offline.stderr, /cannot run with --offline/);
  const none = await ip(['--dnsbl', BL]);
  assert.is(none.code, 2);
  assert.match(none.stderr, /no addresses/);
  const zone = await ip(['203.0.113.7', '--dnsbl', 'bad..zone']);
  assert.is(zone.code, 2);
  assert.match(zone.stderr, /--dnsbl "bad\.\.zone": zone "bad\.\.zone" is not a valid DNS name/);
});

test('one unusable list beside a working one is a warning (exit 0) that says "could not verify"; --rule makes it an error', async () => {
  load([]);
  server.setRecords([...testEntryRecords(ZEN, true), ...REVERSE_DNS]); // bl.example.test now lists nothing, not even 127.0.0.2
  const run = await ip(['203.0.113.7', '--dnsbl', BL, '--dnsbl', ZEN]);
  assert.is(run.code, 0, run.stdout);
  assert.match(run.stdout, /warn .*could not verify 203\.0\.113\.7 against bl\.example\.test/);
  const strict = await ip(['203.0.113.7', '--dnsbl', BL, '--dnsbl', ZEN, '--rule', 'dnsbl-unusable=error']);
  assert.is(strict.code, 1);
});

test('when no list could verify the address, nothing was checked: an error, exit 1 (never a green gate)', async () => {
  load([]);
  server.setRecords([...testEntryRecords(ZEN, true), ...REVERSE_DNS]);
  const run = await ip(['203.0.113.7', '--dnsbl', BL]);
  assert.is(run.code, 1, run.stdout);
  assert.match(run.stdout, /error .*could not verify 203\.0\.113\.7 against bl\.example\.test/);
  const relaxed = await ip(['203.0.113.7', '--dnsbl', BL, '--rule', 'dnsbl-unusable=warn']);
  assert.is(relaxed.code, 0, 'a severity the user sets still wins');
});

test('three lists that refuse: one short line per list, the advice once (the detail is in each finding\'s data)', async () => {
  const lists = [BL, ZEN, 'third.example.test'];
  server.setRecords([...REVERSE_DNS, ...lists.flatMap((zone) => [...testEntryRecords(zone), ...listing(zone, '203.0.113.7', ['127.255.255.254'])])]);
  server.setFaults([]);
  const run = await ip(['203.0.113.7', ...lists.flatMap((zone) => ['--dnsbl', zone])]);
  assert.is(run.stdout.split('\n').filter((line) => line.includes('dnsbl-unusable')).length, 3, run.stdout);
  assert.is(run.stdout.split('\n').filter((line) => line.trim().startsWith('fix:')).length, 1, `the advice once, not per list:\n${run.stdout}`);
  const json = await ip(['203.0.113.7', ...lists.flatMap((zone) => ['--dnsbl', zone]), '--format', 'json']);
  const [result] = JSON.parse(json.stdout) as TargetResult[];
  assert.equal(
    result!.findings.map((finding) => finding.message),
    lists.map((zone) => `could not verify 203.0.113.7 against ${zone}: refused (127.255.255.254)`),
  );
  const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: 1000 });
  try {
    const [fromApi] = await checkIps(['203.0.113.7'], { resolver, blocklists: lists });
    for (const finding of fromApi!.findings) {
      assert.match(String(finding.data?.detail), /refused the query .*127\.255\.255\.254/, JSON.stringify(finding));
      assert.match(String(finding.data?.advice), /own recursive resolver/);
    }
  } finally {
    await resolver.close?.();
  }
});

test('config file: blocklists with return-code maps (PBL-style dynamic code)', async () => {
  load(listing('dul.example.test', '198.51.100.23', ['127.0.0.3']));
  server.setRecords([...testEntryRecords('dul.example.test'), ...listing('dul.example.test', '198.51.100.23', ['127.0.0.3'])]);
  const project = temporaryFolder();
  try {
    writeFileSync(
      join(project.path, 'maillint.config.json'),
      JSON.stringify({ dnsbl: [{ zone: 'dul.example.test', codes: { '127.0.0.3': 'dynamic pool' }, dynamicCodes: ['127.0.0.3'] }] }),
    );
    const run = await ip(['198.51.100.23'], { cwd: project.path });
    assert.is(run.code, 1, run.stderr);
    assert.match(run.stdout, /dynamic or end-user range .*127\.0\.0\.3 \(dynamic pool\)/);
    assert.match(run.stdout, /smarthost/);
    assert.match(run.stdout, /dnsbl-dynamic-ip/);
  } finally {
    project.cleanup();
  }
});

test('results are reported in input order as they are ready, not held to the end', async () => {
  load([]);
  // 2,000 addresses in 198.18.0.0/15 (benchmarking space), enough for several 64 KB blocks of output.
  const addresses = Array.from({ length: 2000 }, (_, index) => `198.18.${index >> 8}.${index & 0xff}`);
  const list = join(folder.path, 'many-addresses.txt');
  writeFileSync(list, `${addresses.join('\n')}\n`);
  const argv = ['ip', '--file', list, '--dnsbl', BL, '--resolver', server.address, '--timeout', '2000', '--concurrency', '8', '--format', 'jsonl'];
  const run = await runCliSnapshotAtFirstWrite(argv, { cwd: folder.path }, () => new Set(server.queries.map((query) => query.name)));
  assert.is(run.code, 1, run.stderr.slice(0, 500));
  const targets = run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as TargetResult).target);
  assert.equal(targets, addresses, 'every address, in input order');
  assert.ok(run.writes > 1, 'written in more than one block');
  const lastReverseName = `${addresses.at(-1)!.split('.').reverse().join('.')}.in-addr.arpa`;
  assert.ok(server.queries.some((query) => query.name === lastReverseName), `${lastReverseName} is asked in the run`);
  assert.not.ok(run.atFirstWrite?.has(lastReverseName) ?? true, 'the first block was written before the last address was asked');
});

test.run();
