// DMARC and DKIM records are text from DNS: whatever they hold, the report shows it escaped and cut,
// and a record built to be huge (a 64 KB TXT answer over TCP, thousands of rua entries) is judged
// within the caps, never a crash or a flood of findings.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DnsRecord } from '../../src/dns/types.js';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import { auditDomains } from '../../src/engine/api.js';
import { MAX_REPORT_DESTINATIONS } from '../../src/auth/gather-dmarc.js';
import { MAX_DNS_TERMS } from '../../src/auth/spf/limits.js';
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

test('an SPF tree of thousands of a: terms asks a bounded number of them (40,084 queries for 40 records of 1,000 before); the limits are still reported', async () => {
  const terms = (tag: string): string => Array.from({ length: 500 }, (_, index) => `a:h${index}.${tag}.example.com`).join(' ');
  const includes = Array.from({ length: 8 }, (_, index) => `include:i${index}.example.com`).join(' ');
  const records = [...BASE.filter((record) => record.type !== 'TXT'), txt('example.com', ...`v=spf1 ${includes} ${terms('root')} -all`.match(/.{1,250}/g)!)];
  for (let index = 0; index < 8; index += 1) records.push(txt(`i${index}.example.com`, ...`v=spf1 ${terms(`i${index}`)} -all`.match(/.{1,250}/g)!));
  server.setRecords(records);
  server.queries.length = 0;
  const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: 2000 });
  try {
    const [result] = await auditDomains(['example.com'], { resolver });
    const addressQueries = server.queries.filter((query) => query.name.startsWith('h'));
    assert.ok(addressQueries.length <= 4 * MAX_DNS_TERMS, `${addressQueries.length} a: terms asked`);
    const checks = result!.findings.map((finding) => finding.check);
    assert.ok(checks.includes('spf-too-many-lookups') && checks.includes('spf-void-lookups'), checks.join(', '));
    const tooMany = result!.findings.find((finding) => finding.check === 'spf-too-many-lookups')!;
    assert.match(tooMany.message, /4508 DNS-querying terms/);
  } finally {
    resolver.close();
  }
});

test.run();
