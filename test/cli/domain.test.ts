// `maillint domain` in-process: the example zone offline, the dns2 test server online, bad names
// and bad zone files (exit 2, nothing queried), --file lists.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseZoneFile } from '../../src/dns/zone-file.js';
import type { TargetResult } from '../../src/types.js';
import { runCli, runCliSnapshotAtFirstWrite, temporaryFolder } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { EXAMPLE_ZONE, EXAMPLE_ZONE_FINDINGS } from '../helpers/example-zone.js';

const cli = suite('maillint domain');
const EXAMPLE_DOMAINS = EXAMPLE_ZONE_FINDINGS.map(([domain]) => domain);

let server: TestDnsServer;
let folder: ReturnType<typeof temporaryFolder>;
cli.before(async () => {
  folder = temporaryFolder();
  const { readFileSync } = await import('node:fs');
  server = await startDnsServer({ records: parseZoneFile(readFileSync(EXAMPLE_ZONE, 'utf8')).records });
});
cli.after(async () => {
  await server.close();
  folder.cleanup();
});
cli.before.each(() => {
  server.setFault(undefined);
  server.queries.length = 0;
});

function parsed(stdout: string): Map<string, string[]> {
  const results = JSON.parse(stdout) as TargetResult[];
  return new Map(results.map((result) => [result.target, result.findings.map((finding) => `${finding.check}:${finding.severity}`)]));
}

const EXPECTED_EXAMPLE = new Map(EXAMPLE_ZONE_FINDINGS.map(([domain, findings]) => [domain, [...findings]]));

cli('the quick start: the example zone offline shows one mistake per name', async () => {
  const run = await runCli(['domain', '--offline', '--zone', EXAMPLE_ZONE, ...EXAMPLE_DOMAINS, '--format', 'json'], { cwd: folder.path });
  assert.is(run.stderr, '');
  assert.is(run.code, 1);
  assert.equal(parsed(run.stdout), EXPECTED_EXAMPLE);
});

cli('stylish output names the MX record, the domain and the fix', async () => {
  const run = await runCli(['domain', '--offline', '--zone', EXAMPLE_ZONE, 'mx-alias.example.com'], { cwd: folder.path });
  assert.is(run.code, 1);
  assert.match(run.stdout, 'MX 10 mailhost.mx-alias.example.com. of mx-alias.example.com');
  assert.match(run.stdout, 'MX 10 mail.example.com.');
  assert.match(run.stdout, 'mx-cname');
});

cli('the same zone served by the dns2 test server gives the same findings', async () => {
  const run = await runCli(['domain', ...EXAMPLE_DOMAINS, '--resolver', server.address, '--timeout', '1000', '--format', 'json'], { cwd: folder.path });
  assert.is(run.code, 1, run.stderr);
  assert.equal(parsed(run.stdout), EXPECTED_EXAMPLE);
});

cli('target is the name as written; each domain is audited once however often it is named', async () => {
  const run = await runCli(['domain', 'Example.COM.', 'example.com', '--resolver', server.address, '--format', 'json'], { cwd: folder.path });
  assert.is(run.code, 0, run.stderr);
  assert.equal([...parsed(run.stdout).keys()], ['Example.COM.', 'example.com']);
  assert.equal(server.queries.filter((query) => query.name === 'example.com' && query.type === 'MX').length, 1);
});

cli('--file: one domain a line, # comments and blank lines skipped, line numbers in errors', async () => {
  const list = join(folder.path, 'domains.txt');
  writeFileSync(list, '# audited nightly\nmx-alias.example.com\n\n  no-mail.example.com  # parked\n');
  const run = await runCli(['domain', '--file', list, '--offline', '--zone', EXAMPLE_ZONE, '--format', 'json'], { cwd: folder.path });
  assert.is(run.code, 1, run.stderr);
  assert.equal([...parsed(run.stdout).keys()], ['mx-alias.example.com', 'no-mail.example.com']);

  writeFileSync(list, 'example.com\nexample..com\n');
  const bad = await runCli(['domain', '--file', list, '--resolver', server.address], { cwd: folder.path });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, `${list}:2: "example..com" is not a domain name`);
  assert.is(server.queries.length, 0, 'nothing is queried when one name is bad');

  const missing = await runCli(['domain', '--file', join(folder.path, 'absent.txt'), '--resolver', server.address], { cwd: folder.path });
  assert.is(missing.code, 2);
  assert.match(missing.stderr, 'cannot read it');
});

const BAD_NAMES: [string[], RegExp][] = [
  [['--', '-bad-.com'], /"-bad-\.com" is not a domain name: label "-bad-" starts or ends with a hyphen/],
  [['-bad-.com'], /"-bad-\.com" was read as options/],
  [[`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(52)}.com`], /is not a domain name: host name is 30[0-9] octets long; the limit is 253/],
  [['a..b'], /"a\.\.b" is not a domain name: empty label/],
  [['192.0.2.1'], /"192\.0\.2\.1" is not a domain name: .*IP address/],
  [['[2001:db8::1]'], /is not a domain name: .*address literal/],
  [['example.com', 'bad_name.example.com'], /argument 2: "bad_name\.example\.com" is not a domain name/],
];

for (const [names, pattern] of BAD_NAMES) {
  cli(`bad name ${JSON.stringify(names.at(-1)!.slice(0, 30))}: exit 2, the input named, nothing queried`, async () => {
    const run = await runCli(['domain', '--resolver', server.address, ...names], { cwd: folder.path });
    assert.is(run.code, 2);
    assert.match(run.stderr, pattern);
    assert.is(run.stdout, '');
    assert.is(server.queries.length, 0);
  });
}

cli('no names, --offline without --zone, names outside the zones: usage errors', async () => {
  const none = await runCli(['domain'], { cwd: folder.path });
  assert.is(none.code, 2);
  assert.match(none.stderr, 'no domains');
  const offline = await runCli(['domain', '--offline', 'example.com'], { cwd: folder.path });
  assert.is(offline.code, 2);
  assert.match(offline.stderr, 'a domain audit needs DNS');
  assert.match(offline.stderr, '--zone');
  const outside = await runCli(['domain', '--offline', '--zone', EXAMPLE_ZONE, 'example.org'], { cwd: folder.path });
  assert.is(outside.code, 2);
  assert.match(outside.stderr, '"example.org" is not in the zone files');
});

cli('a broken zone file: exit 2 naming file and line', async () => {
  const broken = join(folder.path, 'broken.zone');
  writeFileSync(broken, '$ORIGIN example.com.\n@ MX 10 mail\nmail A 192.0.2.256\n');
  const run = await runCli(['domain', '--offline', '--zone', broken, 'example.com'], { cwd: folder.path });
  assert.is(run.code, 2);
  assert.match(run.stderr, `${broken}:3: A record value is not an IPv4 address`);
});

cli('SERVFAIL from the server: dns-lookup-failed naming query and server, never a pass', async () => {
  server.setFault({ kind: 'servfail', match: 'example.com' });
  const run = await runCli(['domain', 'example.com', '--resolver', server.address, '--format', 'json'], { cwd: folder.path });
  assert.is(run.code, 1);
  const [result] = JSON.parse(run.stdout) as TargetResult[];
  assert.equal(result!.findings.map((finding) => finding.check), ['dns-lookup-failed']);
  assert.match(result!.findings[0]!.message, `MX lookup for example.com: ${server.address} answered SERVFAIL`);
});

cli('a silent resolver: 100 domains end in dns-lookup-failed within the deadline, not a hang', async () => {
  server.setFault({ kind: 'drop' });
  const names = Array.from({ length: 100 }, (_, index) => `d${index}.example.com`);
  const run = await runCli(['domain', ...names, '--resolver', server.address, '--timeout', '200', '--format', 'json'], { cwd: folder.path });
  assert.is(run.code, 1);
  const results = JSON.parse(run.stdout) as TargetResult[];
  assert.is(results.length, 100);
  for (const result of results) {
    // The MX audit and the DMARC policy each say their lookup failed; neither passes.
    assert.equal(result.findings.map((finding) => finding.check).sort(), ['dmarc-missing', 'dns-lookup-failed']);
    for (const finding of result.findings) {
      assert.is(finding.severity, 'error');
      assert.match(finding.message, /no answer from 127\.0\.0\.1:\d+ within 200 ms/);
    }
  }
});

cli('--dkim-selector: the key at <selector>._domainkey of every domain is checked; a bad selector is exit 2 before any query', async () => {
  const zone = join(folder.path, 'dkim.zone');
  writeFileSync(
    zone,
    `$ORIGIN example.org.
@ SOA ns1 hostmaster 1 7200 3600 1209600 300
@ NS ns1
ns1 A 192.0.2.53
@ MX 10 ns1
@ TXT "v=spf1 -all"
_dmarc TXT "v=DMARC1; p=reject"
s1._domainkey TXT "v=DKIM1; k=rsa; p="
`,
  );
  const run = await runCli(['domain', '--offline', '--zone', zone, 'example.org', '--dkim-selector', 's1', '--dkim-selector', 'S2', '--format', 'json'], { cwd: folder.path });
  assert.is(run.code, 1, run.stderr);
  assert.equal(parsed(run.stdout).get('example.org')!.sort(), ['dkim-key-invalid:error', 'dkim-key-missing:error']);
  const without = await runCli(['domain', '--offline', '--zone', zone, 'example.org', '--format', 'json'], { cwd: folder.path });
  assert.equal(parsed(without.stdout).get('example.org'), [], 'no selector, no key checked');
  const bad = await runCli(['domain', 'example.com', '--resolver', server.address, '--dkim-selector', 'bad selector'], { cwd: folder.path });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--dkim-selector "bad selector" is not a DKIM selector/);
  assert.is(server.queries.length, 0);
  const onIp = await runCli(['ip', '203.0.113.7', '--dkim-selector', 's1'], { cwd: folder.path });
  assert.is(onIp.code, 2, 'ip takes no --dkim-selector');
});

cli('--rule turns a domain check off', async () => {
  const run = await runCli(['domain', '--offline', '--zone', EXAMPLE_ZONE, 'a-only.example.com', '--rule', 'mx-missing=off'], { cwd: folder.path });
  assert.is(run.code, 0, run.stdout + run.stderr);
});

cli('results are reported in input order as they are ready, not held to the end: a shard of a million domains streams', async () => {
  // Enough results to fill the output's first 64 KB block long before the last name is reached.
  const names = Array.from({ length: 2000 }, (_, index) => `d${index}.example.com`);
  const list = join(folder.path, 'many-domains.txt');
  writeFileSync(list, `${names.join('\n')}\n`);
  const argv = ['domain', '--file', list, '--resolver', server.address, '--timeout', '2000', '--concurrency', '4', '--format', 'jsonl'];
  const run = await runCliSnapshotAtFirstWrite(argv, { cwd: folder.path }, () => new Set(server.queries.map((query) => query.name)));
  assert.is(run.code, 1, run.stderr.slice(0, 500));
  const targets = run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as TargetResult).target);
  assert.equal(targets, names, 'every name, in input order');
  assert.ok(run.writes > 1, 'written in more than one block');
  assert.ok(run.atFirstWrite !== undefined && !run.atFirstWrite.has(names.at(-1)!), 'the first block was written before the last name was asked');
});

cli.run();
