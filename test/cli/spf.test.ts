// SPF through the CLI: `maillint lint --ip` runs check_host() for each message's sender domains, and
// `maillint domain` audits the SPF record beside the MX. The dns2 test server answers.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseZoneFile } from '../../src/dns/zone-file.js';
import type { TargetResult } from '../../src/types.js';
import { testEntryRecords } from '../dnsbl/blocklist-helpers.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

const cli = suite('SPF in the CLI');
const FIXTURES = fileURLToPath(new URL('../fixtures/spf-not-authorized/', import.meta.url));
let server: TestDnsServer;
let folder: ReturnType<typeof temporaryFolder>;

cli.before(async () => {
  folder = temporaryFolder();
  const zone = parseZoneFile(readFileSync(`${FIXTURES}senders.zone`, 'utf8'), { fileName: 'senders.zone' });
  server = await startDnsServer({ records: [...zone.records, ...testEntryRecords('bl.example.test')] });
});
cli.after(async () => {
  await server.close();
  folder.cleanup();
});


function findingsOf(stdout: string, check: string): string[] {
  const results = JSON.parse(stdout) as TargetResult[];
  return results.flatMap((result) => result.findings.filter((finding) => finding.check === check).map((finding) => `${result.target} ${finding.line ?? '-'} ${finding.severity}`));
}

cli('lint --ip: an IP the From domain\'s SPF does not list is reported at the From line; a listed one is not', async () => {
  const file = `${FIXTURES}ng.unlisted-ip.eml`;
  const args = ['lint', file, '--resolver', server.address, '--timeout', '1000', '--dnsbl', 'bl.example.test', '--format', 'json'];
  const unlisted = await runCli([...args, '--ip', '203.0.113.9'], { cwd: folder.path });
  assert.equal(findingsOf(unlisted.stdout, 'spf-not-authorized'), [`${file} 1 warn`], unlisted.stderr);
  const listed = await runCli([...args, '--ip', '192.0.2.25'], { cwd: folder.path });
  assert.equal(findingsOf(listed.stdout, 'spf-not-authorized'), [], listed.stderr);
});

cli('lint without --ip: no check_host(), the sender domain\'s SPF record is still audited', async () => {
  const file = `${FIXTURES}ng.no-spf.eml`;
  const run = await runCli(['lint', file, '--resolver', server.address, '--timeout', '1000', '--format', 'json'], { cwd: folder.path });
  assert.equal(findingsOf(run.stdout, 'spf-not-authorized'), []);
  assert.equal(findingsOf(run.stdout, 'spf-missing'), [`${file} 1 warn`]);
});

cli('domain: the SPF checks run beside the MX checks', async () => {
  const run = await runCli(['domain', 'nospf.example.com', 'shop.example.com', '--resolver', server.address, '--timeout', '1000', '--format', 'json'], { cwd: folder.path });
  assert.equal(findingsOf(run.stdout, 'spf-missing'), ['nospf.example.com - warn']);
  assert.ok(server.queries.some((query) => query.name === 'shop.example.com' && query.type === 'TXT'));
});

cli.run();
