// The blocklist checker over the network resolver, against an in-process DNS server on 127.0.0.1
// serving local blocklist zones: which queries are made, memoisation, hostile answers, long TXT.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { validateBlocklistSettings } from '../../src/dnsbl/catalogue.js';
import { checkIps } from '../../src/engine/api.js';
import { createRun } from '../../src/engine/run.js';
import { InvalidIpAddressError } from '../../src/net/ip.js';
import { formatStylish } from '../../src/report/stylish.js';
import { startDnsServer, type DnsFault, type TestDnsServer } from '../helpers/dns-server.js';
import { fixtureLists, listing, testEntryRecords } from './blocklist-helpers.js';

const test = suite('dnsbl over the network');
let server: TestDnsServer;

const IP = '203.0.113.7';
const lists = validateBlocklistSettings(fixtureLists([{ zone: 'zen.example.test', codesFrom: 'zen.spamhaus.org' }, 'bl.example.test']));

test.before(async () => {
  server = await startDnsServer({ records: [] });
});
test.after(() => server.close());

/** These tests count blocklist queries: the reverse-DNS checks (test/ip-fixtures.test.ts) stay off. */
const REVERSE_DNS_OFF = { 'ptr-missing': 'off', 'ptr-mismatch': 'off', 'ptr-generic': 'off' } as const;

function load(records: DnsRecord[], faults: DnsFault[] = []): void {
  server.setRecords([...testEntryRecords('zen.example.test', true), ...testEntryRecords('bl.example.test'), ...records]);
  server.setFaults(faults);
  server.queries.length = 0;
}

function resolver(timeoutMs = 1000) {
  return createNetworkResolver({ servers: [server.address], timeoutMs, concurrency: 16 });
}

function asked(): string[] {
  return server.queries.filter((query) => query.transport === 'udp').map((query) => `${query.name} ${query.type}`).sort();
}

test('one IP against two lists: exactly the test entries and the address (A, and TXT asked with it) on each, nothing else', async () => {
  load([]);
  const results = await checkIps([IP], { resolver: resolver(), blocklists: lists, rules: REVERSE_DNS_OFF });
  assert.equal(results, [{ target: IP, kind: 'ip', findings: [] }]);
  assert.equal(asked(), [
    '1.0.0.127.bl.example.test A',
    '1.0.0.127.zen.example.test A',
    '2.0.0.127.bl.example.test A',
    '2.0.0.127.zen.example.test A',
    '7.113.0.203.bl.example.test A',
    '7.113.0.203.bl.example.test TXT',
    '7.113.0.203.zen.example.test A',
    '7.113.0.203.zen.example.test TXT',
  ]);
});

test('a listed address gets its TXT reason from the query asked with the A query, not a second round trip', async () => {
  load(listing('bl.example.test', IP, ['127.0.0.2'], [['reason']]));
  const [result] = await checkIps([IP], { resolver: resolver(), blocklists: lists, rules: REVERSE_DNS_OFF });
  assert.equal(result!.findings.map((finding) => finding.check), ['dnsbl-listed']);
  assert.match(JSON.stringify(result!.findings), 'reason');
  assert.equal(asked().filter((query) => query.endsWith('TXT')), ['7.113.0.203.bl.example.test TXT', '7.113.0.203.zen.example.test TXT']);
});

test('the TXT reason is asked before the A answer is in: an A that never comes still saw its TXT asked', async () => {
  load(listing('bl.example.test', IP, ['127.0.0.2'], [['reason']]), [{ kind: 'drop', match: '7.113.0.203.bl.example.test' }]);
  await checkIps([IP], { resolver: resolver(200), blocklists: lists });
  assert.ok(asked().includes('7.113.0.203.bl.example.test TXT'), asked().join(', '));
});

test('test entries are asked once per run and family; an address once however it is written', async () => {
  load([]);
  const run = createRun({ resolver: resolver(), blocklists: lists, rules: REVERSE_DNS_OFF });
  const checker = { check: async (ip: string) => (await run.checkIps([ip]))[0]!.findings };
  await Promise.all([checker.check(IP), checker.check('::ffff:203.0.113.7'), checker.check('198.51.100.1'), checker.check(IP)]);
  const counts = new Map<string, number>();
  for (const query of asked()) counts.set(query, (counts.get(query) ?? 0) + 1);
  assert.equal([...counts.values()].filter((count) => count > 1), [], 'no question asked twice');
  assert.equal(asked().length, 4 + 2 * 2 * 2); // 4 test entries, 2 lists x 2 addresses x (A, TXT)
  // IPv6: ZEN (IPv6) adds its nibble test entries; bl.example.test is IPv4-only and is not asked.
  server.queries.length = 0;
  await checker.check('2001:db8::7');
  assert.equal(asked().filter((query) => query.includes('bl.example.test')), []);
  assert.equal(asked().length, 4); // 2 test entries, the address's A and TXT
});

test('with every blocklist check off, nothing is asked', async () => {
  load([]);
  const rules = { ...REVERSE_DNS_OFF, 'dnsbl-listed': 'off', 'dnsbl-dynamic-ip': 'off', 'dnsbl-unusable': 'off' } as const;
  assert.equal(await checkIps([IP], { resolver: resolver(), blocklists: lists, rules }), [{ target: IP, kind: 'ip', findings: [] }]);
  assert.equal(server.queries, []);
});

test('a bad address stops checkIps before any query', async () => {
  load([]);
  try {
    await checkIps([IP, '203.0.113.256'], { resolver: resolver(), blocklists: lists, rules: REVERSE_DNS_OFF });
    assert.unreachable('accepted a bad address');
  } catch (error) {
    assert.instance(error, InvalidIpAddressError);
    assert.match((error as Error).message, /"203\.0\.113\.256"/);
  }
  assert.equal(server.queries, []);
});

for (const kind of ['wrong-id', 'wrong-question', 'compression-loop', 'garbage'] as const) {
  test(`hostile answer (${kind}) for a listed address is never trusted: unusable, not listed, not clean`, async () => {
    load(listing('bl.example.test', IP, ['127.0.0.2']), [{ kind, match: `7.113.0.203.bl.example.test` }]);
    const [result] = await checkIps([IP], { resolver: resolver(200), blocklists: [lists[1]!], rules: REVERSE_DNS_OFF });
    assert.equal(result!.findings.map((finding) => finding.check), ['dnsbl-unusable'], JSON.stringify(result));
    assert.match(result!.findings[0]!.message, /could not verify 203\.0\.113\.7 against bl\.example\.test/);
  });
}

test('a bogus packet followed by the real answer: the real answer is used', async () => {
  load(listing('bl.example.test', IP, ['127.0.0.2']), [{ kind: 'wrong-id', match: '7.113.0.203.bl.example.test', thenAnswer: true }]);
  const [result] = await checkIps([IP], { resolver: resolver(), blocklists: [lists[1]!], rules: REVERSE_DNS_OFF });
  assert.equal(result!.findings.map((finding) => finding.check), ['dnsbl-listed']);
});

test('a list that lists everything: its listing is not reported, the list is reported unusable', async () => {
  load([...listing('bl.example.test', IP, ['127.0.0.2']), ...listing('bl.example.test', '127.0.0.1', ['127.0.0.2'])]);
  const [result] = await checkIps([IP], { resolver: resolver(), blocklists: lists, rules: REVERSE_DNS_OFF });
  assert.equal(result!.findings.map((finding) => finding.check), ['dnsbl-unusable']);
  assert.match(String(result!.findings[0]!.data?.detail), /lists 127\.0\.0\.1/);
});

test('a TXT reason of 10,000 characters with control characters: shortened, escaped by the formatter', async () => {
  const strings = Array.from({ length: 40 }, () => `\u001b[2J\u0007${'x'.repeat(243)}\r\n`);
  load(listing('bl.example.test', IP, ['127.0.0.2'], [strings]));
  const [result] = await checkIps([IP], { resolver: resolver(), blocklists: [lists[1]!], rules: REVERSE_DNS_OFF });
  const finding = result!.findings[0]!;
  assert.is(finding.check, 'dnsbl-listed');
  const reason = (finding.data as { reason: string }).reason;
  assert.ok([...reason].length <= 300, `reason is ${reason.length} characters`);
  assert.ok(finding.message.length < 700);
  const shown = formatStylish([result!], { color: false, cwd: '/' });
  assert.not.ok(/[\u0000-\u0008\u000b-\u001f\u007f]/.test(shown), 'no raw control characters reach the terminal');
  assert.ok(shown.includes('\\x1b[2J'));
});

test('a list that never answers: could not verify (timeout), never clean', async () => {
  load([], [{ kind: 'drop' }]);
  const [result] = await checkIps([IP], { resolver: resolver(150), blocklists: lists, rules: REVERSE_DNS_OFF });
  assert.equal(result!.findings.map((finding) => finding.check), ['dnsbl-unusable', 'dnsbl-unusable']);
  assert.ok(result!.findings.every((finding) => /timeout/.test(finding.message)));
});

test('with the default concurrency, one IP against 10 lists (and its PTR) goes out in one burst: one round trip, not two', async () => {
  const zones = Array.from({ length: 10 }, (_, index) => `l${index}.example.test`);
  server.setRecords(zones.flatMap((zone) => testEntryRecords(zone)));
  // Held back long enough that every question of the first burst is in before any answer leaves.
  server.setFaults([{ kind: 'delay', ms: 300 }]);
  server.queries.length = 0;
  const results = await checkIps([IP], { resolver: createNetworkResolver({ servers: [server.address], timeoutMs: 5000 }), blocklists: validateBlocklistSettings(zones) });
  assert.equal(results[0]!.findings.filter((finding) => finding.check.startsWith('dnsbl')), []);
  // 10 lists x (2 self-tests + A + TXT) + the PTR.
  assert.is(server.queries.length, 41);
  assert.is(server.maxInFlight, 41);
});

test.run();
