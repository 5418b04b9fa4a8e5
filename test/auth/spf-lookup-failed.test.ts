// An SPF lookup that fails inside the tree (an include's TXT, an a: term's A) is not a clean audit:
// receivers evaluating the record get temperror there and defer the mail. Before, the audit of such
// a domain printed no finding and exited 0; only a count on stderr said a lookup had failed.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DnsRecord } from '../../src/dns/types.js';
import type { TargetResult } from '../../src/types.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

const test = suite('failed SPF lookups are findings');
let server: TestDnsServer;
const folder = temporaryFolder();
const txt = (name: string, ...strings: string[]): DnsRecord => ({ type: 'TXT', name, ttl: 60, strings });

test.before(async () => {
  server = await startDnsServer({
    records: [
      { type: 'MX', name: 'example.com', ttl: 60, preference: 10, exchange: 'mail.example.com' },
      { type: 'A', name: 'mail.example.com', ttl: 60, address: '192.0.2.25' },
      { type: 'A', name: 'x.example.net', ttl: 60, address: '192.0.2.26' },
      txt('example.com', 'v=spf1 include:spf.example.net -all'),
      txt('spf.example.net', 'v=spf1 a:x.example.net -all'),
      txt('_dmarc.example.com', 'v=DMARC1; p=reject'),
    ],
  });
});
test.after(async () => {
  await server.close();
  folder.cleanup();
});

const audit = async () => {
  const run = await runCli(['domain', 'example.com', '--resolver', server.address, '--timeout', '1000', '-f', 'json'], { cwd: folder.path });
  const [result] = JSON.parse(run.stdout) as TargetResult[];
  return { code: run.code, findings: result!.findings };
};

test('the healthy tree is clean', async () => {
  server.setFaults([]);
  const { code, findings } = await audit();
  assert.equal(findings, []);
  assert.is(code, 0);
});

for (const [name, what] of [
  ['spf.example.net', /could not check the SPF record of spf\.example\.net \(include:spf\.example\.net in example\.com's tree\): .*SERVFAIL/],
  ['x.example.net', /could not check a:x\.example\.net in the SPF record of spf\.example\.net: .*SERVFAIL/],
] as const) {
  test(`SERVFAIL for ${name}: an spf-missing error naming the lookup, exit 1`, async () => {
    server.setFaults([{ kind: 'servfail', match: name }]);
    const { code, findings } = await audit();
    const failed = findings.filter((finding) => finding.check === 'spf-missing');
    assert.is(failed.length, 1, JSON.stringify(findings));
    assert.is(failed[0]!.severity, 'error');
    assert.match(failed[0]!.message, what);
    assert.is(code, 1);
  });
}

test.run();
