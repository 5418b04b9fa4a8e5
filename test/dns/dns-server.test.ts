// The test server itself, checked with node:dns (c-ares) as an independent client.
import { Resolver } from 'node:dns/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

const test = suite('dns-server helper');
let server: TestDnsServer;

test.before(async () => {
  server = await startDnsServer({
    records: [
      { type: 'MX', name: 'example.com', ttl: 300, preference: 10, exchange: 'mail.example.com' },
      { type: 'A', name: 'mail.example.com', ttl: 300, address: '192.0.2.10' },
    ],
  });
});
test.after(() => server.close());

// Node 24's c-ares results also carry `type: 'MX'`; compare only the fields every Node version gives.
async function mxRecords(name: string): Promise<Array<{ exchange: string; priority: number }>> {
  const records = await client().resolveMx(name);
  return records.map(({ exchange, priority }) => ({ exchange, priority }));
}

function client(): Resolver {
  const resolver = new Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([server.address]);
  return resolver;
}

test('answers from its table over UDP and records the query', async () => {
  server.queries.length = 0;
  assert.equal(await mxRecords('example.com'), [{ exchange: 'mail.example.com', priority: 10 }]);
  assert.equal(server.queries, [{ name: 'example.com', type: 'MX', transport: 'udp' }]);
});

test('truncation sends the client to TCP on the same port', async () => {
  server.queries.length = 0;
  server.setFault({ kind: 'truncate' });
  assert.equal(await client().resolve4('mail.example.com'), ['192.0.2.10']);
  assert.equal(
    server.queries.map((query) => query.transport),
    ['udp', 'tcp'],
  );
  server.setFault(undefined);
});

test('faults: NXDOMAIN and SERVFAIL, limited by match', async () => {
  server.setFaults([{ kind: 'servfail', match: 'mail.example.com' }]);
  await client().resolve4('mail.example.com').then(
    () => assert.unreachable('expected SERVFAIL'),
    (error: NodeJS.ErrnoException) => assert.is(error.code, 'ESERVFAIL'),
  );
  assert.equal(await mxRecords('example.com'), [{ exchange: 'mail.example.com', priority: 10 }]);
  await client().resolve4('nothing.example.com').then(
    () => assert.unreachable('expected NXDOMAIN'),
    (error: NodeJS.ErrnoException) => assert.is(error.code, 'ENOTFOUND'),
  );
  server.setFault(undefined);
});

test.run();
