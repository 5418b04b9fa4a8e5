// DMARC and DKIM records are text from DNS: whatever they hold, the report shows it escaped and cut,
// and a record built to be huge (a 64 KB TXT answer over TCP, thousands of rua entries) is judged
// within the caps, never a crash or a flood of findings.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DnsRecord } from '../../src/dns/types.js';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import { auditDomains } from '../../src/engine/api.js';
import { MAX_REPORT_DESTINATIONS } from '../../src/auth/gather-dmarc.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

const test = suite('hostile DMARC and DKIM records');
let server: TestDnsServer;
const folder = temporaryFolder();

const BASE: DnsRecord[] = [
  { type: 'MX', name: 'example.com', ttl: 60, preference: 10, exchange: 'mail.example.com' },
  { type: 'A', name: 'mail.example.com', ttl: 60, address: '192.0.2.25' },
  { type: 'TXT', name: 'example.com', ttl: 60, strings: ['v=spf1 -all'] },
];
const txt = (name: string, ...strings: string[]): DnsRecord => ({ type: 'TXT', name, ttl: 60, strings });

test.before(async () => {
  server = await startDnsServer({ records: [] });
});
test.after(async () => {
  await server.close();
  folder.cleanup();
});

test('control characters in a DMARC or DKIM record never reach the terminal raw', async () => {
  server.setRecords([...BASE, txt('_dmarc.example.com', 'v=DMARC1; p=\u001b[2J\u001b[31mreject\u0007; x\u0000=1'), txt('s1._domainkey.example.com', 'v=DKIM1; k=\u001b]0;pwned\u0007rsa; p=')]);
  const run = await runCli(['domain', 'example.com', '--resolver', server.address, '--dkim-selector', 's1'], { cwd: folder.path });
  assert.is(run.code, 1, run.stderr);
  assert.match(run.stdout, 'dmarc-invalid');
  assert.match(run.stdout, 'dkim-key-invalid');
  assert.not.match(run.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'no raw control character in the report');
});

test('thousands of rua destinations: at most MAX_REPORT_DESTINATIONS authorization lookups; a 60 KB record is judged, not a crash', async () => {
  const destinations = Array.from({ length: 2000 }, (_, index) => `mailto:d@r${index}.example.net`).join(',');
  const chunks = destinations.match(/.{1,250}/g)!;
  server.setRecords([...BASE, txt('_dmarc.example.com', 'v=DMARC1; p=reject; rua=', ...chunks)]);
  server.queries.length = 0;
  const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: 2000 });
  try {
    const [result] = await auditDomains(['example.com'], { resolver });
    const asked = server.queries.filter((query) => query.name.includes('._report._dmarc.'));
    assert.is(new Set(asked.map((query) => query.name)).size, MAX_REPORT_DESTINATIONS);
    const reported = result!.findings.filter((finding) => finding.check === 'dmarc-report-unauthorized');
    assert.is(reported.filter((finding) => finding.severity === 'warn').length, MAX_REPORT_DESTINATIONS);
    assert.equal(reported.filter((finding) => finding.severity === 'info').map((finding) => finding.message.slice(0, 57)), ['not checked: 1990 more report destinations of example.com']);
  } finally {
    resolver.close();
  }
});

test.run();
