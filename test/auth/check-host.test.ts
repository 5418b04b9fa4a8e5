// check_host() beyond the RFC 7208 suite: what maillint promises of it. A failed lookup is a
// temperror, never a pass and never a permerror; the limits of RFC 7208 4.6.4 are counted and said;
// long records and answers that need TCP work. Through the in-process DNS server.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkHost } from '../../src/auth/spf/check-host.js';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { startDnsServer, type DnsFault, type TestDnsServer } from '../helpers/dns-server.js';

const spf = suite('check_host()');
let server: TestDnsServer;

const txt = (name: string, ...strings: string[]): DnsRecord => ({ type: 'TXT', name, ttl: 60, strings });
const a = (name: string, address: string): DnsRecord => ({ type: 'A', name, ttl: 60, address });

const RECORDS: DnsRecord[] = [
  txt('shop.example.com', 'v=spf1 include:_spf.example.com -all'),
  txt('_spf.example.com', 'v=spf1 ip4:192.0.2.0/24 -all'),
  txt('broken-include.example.com', 'v=spf1 include:_spf.broken.example.com -all'),
  txt('gone-include.example.com', 'v=spf1 include:_spf.gone.example.com -all'),
  txt('eleven.example.com', `v=spf1 ${Array.from({ length: 11 }, (_, index) => `a:h${index}.example.com`).join(' ')} -all`),
  txt('ten.example.com', `v=spf1 ${Array.from({ length: 10 }, (_, index) => `a:h${index}.example.com`).join(' ')} -all`),
  ...Array.from({ length: 11 }, (_, index) => a(`h${index}.example.com`, '198.51.100.1')),
  txt('void.example.com', 'v=spf1 a:v1.example.com a:v2.example.com a:v3.example.com ip4:192.0.2.1 -all'),
  // 40 ip4 terms: over 255 octets, so several strings; with them the answer needs TCP when truncated.
  txt('long.example.com', ...chunk(`v=spf1 ${Array.from({ length: 40 }, (_, index) => `ip4:203.0.113.${index}`).join(' ')} -all`)),
  txt('explained.example.com', 'v=spf1 -all exp=why.example.com'),
  txt('why.example.com', '%{i} is not one of %{d}\'s senders'),
];

function chunk(text: string): string[] {
  return text.match(/.{1,255}/g)!;
}

async function verdictOf(ip: string, domain: string, fault?: DnsFault) {
  server.setFault(fault);
  const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: 200 });
  try {
    return await checkHost(ip, domain, `orders@${domain}`, resolver);
  } finally {
    resolver.close();
    server.setFault(undefined);
  }
}

spf.before(async () => {
  server = await startDnsServer({ records: RECORDS });
});
spf.after(() => server.close());

spf('a pass names the deciding term and counts the lookups', async () => {
  assert.equal(await verdictOf('192.0.2.7', 'shop.example.com'), { result: 'pass', mechanism: 'include:_spf.example.com', lookups: 1, voidLookups: 0 });
  assert.is((await verdictOf('203.0.113.9', 'shop.example.com')).result, 'fail');
});

spf('SERVFAIL or a timeout inside an include is temperror: never a pass, never permerror', async () => {
  const servfail = await verdictOf('192.0.2.7', 'shop.example.com', { kind: 'servfail', match: '_spf.example.com' });
  assert.is(servfail.result, 'temperror');
  assert.match(servfail.explanation ?? '', '_spf.example.com');
  assert.is((await verdictOf('192.0.2.7', 'shop.example.com', { kind: 'drop', match: '_spf.example.com' })).result, 'temperror');
  assert.is((await verdictOf('192.0.2.7', 'shop.example.com', { kind: 'drop', match: 'shop.example.com' })).result, 'temperror');
});

spf('an include of a domain without SPF is permerror', async () => {
  assert.is((await verdictOf('192.0.2.7', 'gone-include.example.com')).result, 'permerror');
});

spf('the 11th DNS-querying term is permerror; 10 are fine', async () => {
  const eleven = await verdictOf('192.0.2.7', 'eleven.example.com');
  assert.equal([eleven.result, eleven.lookups], ['permerror', 11]);
  assert.equal([(await verdictOf('192.0.2.7', 'ten.example.com')).result], ['fail']);
});

spf('the third void lookup is permerror', async () => {
  const verdict = await verdictOf('192.0.2.1', 'void.example.com');
  assert.equal([verdict.result, verdict.voidLookups], ['permerror', 3]);
});

spf('a record over 255 octets, in several strings, joined; and read over TCP when UDP is truncated', async () => {
  assert.is((await verdictOf('203.0.113.39', 'long.example.com')).result, 'pass');
  assert.is((await verdictOf('203.0.113.39', 'long.example.com', { kind: 'truncate', match: 'long.example.com' })).result, 'pass');
  assert.ok(server.queries.some((query) => query.name === 'long.example.com' && query.transport === 'tcp'));
  assert.is((await verdictOf('203.0.113.99', 'long.example.com')).result, 'fail');
});

spf('a fail carries the domain\'s exp= text, expanded', async () => {
  const verdict = await verdictOf('203.0.113.9', 'explained.example.com');
  assert.equal([verdict.result, verdict.explanation], ['fail', "203.0.113.9 is not one of explained.example.com's senders"]);
});

spf('a domain check_host() cannot look up is none, without a query', async () => {
  server.queries.length = 0;
  assert.is((await verdictOf('192.0.2.7', 'a..example.com')).result, 'none');
  assert.is((await verdictOf('192.0.2.7', 'localhost')).result, 'none');
  assert.equal(server.queries, []);
});

spf.run();
