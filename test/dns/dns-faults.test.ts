// The DNS fault suite (issue 6, item 2) at the resolver level: for every fault the test server can
// inject, the lookup ends within its deadline with a failure status that says what happened, and
// never with ok / nodata / nxdomain (a silent pass). Each fault is limited to its own name, so all
// of them run at once against one server.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import type { DnsRecord, LookupResult, RecordType } from '../../src/dns/types.js';
import { startDnsServer, type DnsFault, type TestDnsServer } from '../helpers/dns-server.js';

const TIMEOUT_MS = 250;

const cases: { fault: DnsFault['kind']; expect: LookupResult['status']; make?: (name: string) => DnsFault }[] = [
  { fault: 'drop', expect: 'timeout' },
  { fault: 'delay', expect: 'timeout', make: (name) => ({ kind: 'delay', ms: TIMEOUT_MS * 4, match: name }) },
  { fault: 'servfail', expect: 'servfail' },
  { fault: 'refused', expect: 'refused' },
  { fault: 'truncate-tcp-fails', expect: 'network-error' },
  { fault: 'truncate-tcp-silent', expect: 'timeout' },
  { fault: 'tcp-close-mid-answer', expect: 'network-error' },
  { fault: 'tcp-truncated', expect: 'malformed' },
  { fault: 'tcp-truncated-partial', expect: 'malformed' },
  { fault: 'garbage', expect: 'malformed' },
  { fault: 'wrong-id', expect: 'malformed' },
  { fault: 'wrong-question', expect: 'malformed' },
  // Sockets are connected to their nameserver: the kernel drops a packet from another port unseen,
  // so only the deadline ends the wait (still a failure, never a pass).
  { fault: 'wrong-sender', expect: 'timeout' },
  { fault: 'compression-loop', expect: 'malformed' },
  { fault: 'oversize', expect: 'malformed' },
];

const nameOf = (fault: string) => `${fault}.fault.example.com`;
const types: RecordType[] = ['MX', 'A', 'TXT'];

const records: DnsRecord[] = cases.flatMap(({ fault }): DnsRecord[] => [
  { type: 'MX', name: nameOf(fault), ttl: 60, preference: 10, exchange: 'mail.example.com' },
  { type: 'A', name: nameOf(fault), ttl: 60, address: '192.0.2.1' },
  { type: 'TXT', name: nameOf(fault), ttl: 60, strings: ['v=spf1 -all'] },
]);

const test = suite('DNS fault suite');
let server: TestDnsServer;

test.before(async () => {
  server = await startDnsServer({
    records,
    faults: cases.map(({ fault, make }) => make?.(nameOf(fault)) ?? ({ kind: fault, match: nameOf(fault) } as DnsFault)),
  });
});
test.after(() => server.close());

test('every fault ends in its failure status, never a silent pass', async () => {
  const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: TIMEOUT_MS, concurrency: 50 });
  const runs = cases.flatMap(({ fault, expect }) =>
    types.map(async (type) => ({ fault, expect, type, result: await resolver.lookup(nameOf(fault), type) })),
  );
  for (const { fault, expect, type, result } of await Promise.all(runs)) {
    const label = `${fault} (${type})`;
    assert.ok(!['ok', 'nodata', 'nxdomain'].includes(result.status), `${label}: silent pass ${result.status}`);
    assert.is(result.status, expect, label);
    const detail = 'detail' in result ? result.detail : '';
    assert.ok(detail.startsWith(`${type} ${nameOf(fault)}: `), `${label}: detail names the query: ${detail}`);
    assert.ok(detail.includes(server.address), `${label}: detail names the server: ${detail}`);
  }
});

test('the same faults on the names of other lookups leave those lookups alone', async () => {
  const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: TIMEOUT_MS });
  server.setRecords([...records, { type: 'MX', name: 'fine.example.com', ttl: 60, preference: 0, exchange: 'mail.example.com' }]);
  assert.is((await resolver.lookup('fine.example.com', 'MX')).status, 'ok');
});

test('nxdomain-everything is reported as NXDOMAIN (the blocklist layer decides what that means)', async () => {
  const liar = await startDnsServer({ records, faults: [{ kind: 'nxdomain-everything' }] });
  try {
    const result = await createNetworkResolver({ servers: [liar.address], timeoutMs: TIMEOUT_MS }).lookup(nameOf('drop'), 'A');
    assert.is(result.status, 'nxdomain');
  } finally {
    await liar.close();
  }
});

test('the questions asked are exactly the ones made (UDP, one retry, TCP after truncation)', async () => {
  const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: TIMEOUT_MS });
  server.queries.length = 0;
  await Promise.all([resolver.lookup(nameOf('drop'), 'MX'), resolver.lookup(nameOf('truncate-tcp-fails'), 'MX')]);
  const seen = server.queries.map((query) => `${query.transport} ${query.type} ${query.name}`).sort();
  assert.equal(seen, [
    `tcp MX ${nameOf('truncate-tcp-fails')}`,
    `udp MX ${nameOf('drop')}`,
    `udp MX ${nameOf('drop')}`,
    `udp MX ${nameOf('truncate-tcp-fails')}`,
  ]);
});

test.run();
