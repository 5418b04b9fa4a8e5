import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createResolver, type ResolverSettings } from '../../src/dns/create-resolver.js';
import { ServerAddressError } from '../../src/dns/server-address.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

const zoneFile = join(mkdtempSync(join(tmpdir(), 'maillint-zones-')), 'example.org.zone');
writeFileSync(
  zoneFile,
  [
    '$ORIGIN example.org.',
    '$TTL 300',
    '@ IN SOA ns1.example.org. hostmaster.example.org. 1 3600 600 604800 300',
    '@ IN NS ns1.example.org.',
    '@ IN MX 10 mail.example.org.',
    'mail IN A 192.0.2.25',
    'out IN CNAME mail.example.net.',
    '',
  ].join('\n'),
);

const networkRecords: DnsRecord[] = [
  { type: 'MX', name: 'example.net', ttl: 300, preference: 10, exchange: 'mail.example.net' },
  { type: 'A', name: 'mail.example.net', ttl: 300, address: '198.51.100.25' },
  // The zone file wins for names it covers: the network would say otherwise.
  { type: 'A', name: 'mail.example.org', ttl: 300, address: '203.0.113.99' },
];

const test = suite('createResolver');
let server: TestDnsServer;
const settings = (overrides: Partial<ResolverSettings>): ResolverSettings => ({
  offline: false,
  resolvers: [server.address],
  zones: [],
  timeoutMs: 300,
  concurrency: 8,
  ...overrides,
});

test.before(async () => {
  server = await startDnsServer({ records: networkRecords });
});
test.after(() => server.close());
test.before.each(() => {
  server.queries.length = 0;
});

test('offline without zone files: no resolver', async () => {
  assert.is(await createResolver(settings({ offline: true })), undefined);
});

test('offline with zone files: the zones alone; names outside them cannot be answered', async () => {
  const resolver = await createResolver(settings({ offline: true, zones: [zoneFile] }));
  assert.ok(resolver);
  assert.is(resolver.canAnswer?.('example.org'), true);
  assert.is(resolver.canAnswer?.('example.net'), false);
  assert.is((await resolver.lookup('example.org', 'MX')).status, 'ok');
  assert.is(server.queries.length, 0);
});

test('online: the network resolver with the given nameservers', async () => {
  const resolver = await createResolver(settings({}));
  assert.ok(resolver);
  assert.is((await resolver.lookup('example.net', 'MX')).status, 'ok');
  assert.equal(server.queries, [{ name: 'example.net', type: 'MX', transport: 'udp' }]);
  await resolver.close?.();
});

test('online with zone files: zone names from the zones, the rest from the network', async () => {
  const resolver = await createResolver(settings({ zones: [zoneFile] }));
  assert.ok(resolver);
  const inZone = await resolver.lookup('mail.example.org', 'A');
  assert.equal(inZone.status === 'ok' && inZone.records, [{ type: 'A', name: 'mail.example.org', ttl: 300, address: '192.0.2.25' }]);
  assert.is((await resolver.lookup('nothing.example.org', 'A')).status, 'nxdomain');
  assert.is(server.queries.length, 0);
  assert.is((await resolver.lookup('example.net', 'MX')).status, 'ok');
  assert.equal(server.queries.map((query) => query.name), ['example.net']);
});

test('online with zone files: a CNAME out of the zones is followed on the network', async () => {
  const resolver = await createResolver(settings({ zones: [zoneFile] }));
  assert.ok(resolver);
  const result = await resolver.lookup('out.example.org', 'A');
  assert.is(result.status, 'ok');
  assert.equal(result.query, { name: 'out.example.org', type: 'A' });
  assert.equal(
    result.status === 'ok' && result.records.map((record) => `${record.name} ${record.type}`),
    ['out.example.org CNAME', 'mail.example.net A'],
  );
  assert.equal(server.queries.map((query) => query.name), ['mail.example.net']);
});

test('a malformed --resolver is a ServerAddressError before any lookup', async () => {
  try {
    await createResolver(settings({ resolvers: ['dns.example.com'] }));
    assert.unreachable('accepted a host name as a resolver');
  } catch (error) {
    assert.instance(error, ServerAddressError);
  }
});

test('no --resolver and no usable resolv.conf: every lookup says so', async () => {
  const resolver = await createResolver(settings({ resolvers: [] }), { resolvConfPath: '/nonexistent/resolv.conf' });
  const result = await resolver!.lookup('example.net', 'MX');
  assert.is(result.status, 'network-error');
});

test.run();
