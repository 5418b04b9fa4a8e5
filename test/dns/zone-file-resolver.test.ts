// The zone-file resolver answers like a resolver over the loaded zones: authoritative inside them,
// 'refused' (never NXDOMAIN) outside them.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadZoneFiles, ZoneFileError } from '../../src/dns/zone-file-resolver.js';

const resolver = suite('zone-file resolver');
const folder = mkdtempSync(join(tmpdir(), 'maillint-zone-'));

function zone(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const COM = zone(
  'example.com.zone',
  `$ORIGIN example.com.
$TTL 300
@ SOA ns1 hostmaster 1 7200 3600 1209600 300
@ MX 10 mail
mail A 192.0.2.25
alias CNAME mail
away CNAME mx.example.net.
outside CNAME mail.example.org.
loop1 CNAME loop2
loop2 CNAME loop1
_srv._tcp SRV 0 0 25 mail
*.wild MX 5 mail
deep.empty A 192.0.2.9
`,
);
const NET = zone('example.net.zone', '$ORIGIN example.net.\nmx A 198.51.100.25\n');

resolver('answers inside a zone: ok, nodata, nxdomain; names are case-insensitive', async () => {
  const zones = await loadZoneFiles([COM, NET]);
  const mx = await zones.lookup('Example.COM.', 'MX');
  assert.is(mx.status, 'ok');
  assert.equal(mx.status === 'ok' && mx.records, [{ type: 'MX', name: 'example.com', ttl: 300, preference: 10, exchange: 'mail.example.com' }]);
  assert.is((await zones.lookup('mail.example.com', 'AAAA')).status, 'nodata');
  assert.is((await zones.lookup('missing.example.com', 'A')).status, 'nxdomain');
  assert.is((await zones.lookup('empty.example.com', 'A')).status, 'nodata', 'empty non-terminal');
  assert.is((await zones.lookup('_srv._tcp.example.com', 'A')).status, 'nodata', 'a name owning only SRV exists');
  assert.is((await zones.lookup('_tcp.example.com', 'A')).status, 'nodata');
});

resolver('CNAMEs are followed across loaded zones and kept in the answer', async () => {
  const zones = await loadZoneFiles([COM, NET]);
  const alias = await zones.lookup('alias.example.com', 'A');
  assert.is(alias.status, 'ok');
  assert.equal(alias.status === 'ok' && alias.records.map((record) => `${record.name} ${record.type}`), ['alias.example.com CNAME', 'mail.example.com A']);
  const away = await zones.lookup('away.example.com', 'A');
  assert.is(away.status, 'ok');
  assert.equal(away.status === 'ok' && away.records.at(-1), { type: 'A', name: 'mx.example.net', ttl: 3600, address: '198.51.100.25' });
});

resolver('what the zones cannot know is refused with a reason, never NXDOMAIN', async () => {
  const zones = await loadZoneFiles([COM, NET]);
  const elsewhere = await zones.lookup('example.org', 'MX');
  assert.is(elsewhere.status, 'refused');
  assert.match(elsewhere.status === 'refused' ? elsewhere.detail : '', /no loaded zone file covers example\.org/);
  const outside = await zones.lookup('outside.example.com', 'A');
  assert.is(outside.status, 'refused');
  assert.match(outside.status === 'refused' ? outside.detail : '', /CNAME to mail\.example\.org/);
  assert.ok(zones.canAnswer('deep.sub.example.com'));
  assert.ok(zones.canAnswer('EXAMPLE.NET.'));
  assert.not.ok(zones.canAnswer('example.org'));
  assert.not.ok(zones.canAnswer('notexample.com'));
});

resolver('names at or below a delegation (NS records below the apex) are the child zone\'s: refused, never NXDOMAIN or NODATA (RFC 1034 4.3.2 step 3b)', async () => {
  const parent = zone(
    'delegating.zone',
    `$ORIGIN example.com.
@ SOA ns1 hostmaster 1 7200 3600 1209600 300
@ NS ns1
ns1 A 192.0.2.53
sub NS ns.sub
ns.sub A 192.0.2.54
mail A 192.0.2.25
to-child CNAME mx.sub
`,
  );
  const zones = await loadZoneFiles([parent]);
  for (const name of ['sub.example.com', 'x.sub.example.com', 'ns.sub.example.com', 'to-child.example.com']) {
    const result = await zones.lookup(name, 'MX');
    assert.is(result.status, 'refused', name);
    assert.match(result.status === 'refused' ? result.detail : '', /delegated/, name);
  }
  assert.not.ok(zones.canAnswer('sub.example.com'));
  assert.not.ok(zones.canAnswer('x.sub.example.com'));
  assert.ok(zones.canAnswer('example.com'), 'the apex NS is not a delegation');
  assert.is((await zones.lookup('example.com', 'NS')).status, 'ok');
  assert.is((await zones.lookup('mail.example.com', 'A')).status, 'ok');
  // With the child zone loaded too, the child answers for its names.
  const child = zone('child.zone', '$ORIGIN sub.example.com.\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ MX 10 mx\nmx A 192.0.2.26\n');
  const both = await loadZoneFiles([parent, child]);
  assert.is((await both.lookup('sub.example.com', 'MX')).status, 'ok');
  assert.is((await both.lookup('to-child.example.com', 'A')).status, 'ok');
  assert.is((await both.lookup('x.sub.example.com', 'MX')).status, 'nxdomain');
});

resolver('wildcards (RFC 4592): no match where the name exists, and only from the closest encloser', async () => {
  const wild = zone(
    'wild.zone',
    `$ORIGIN example.com.
@ SOA ns1 hostmaster 1 7200 3600 1209600 300
* MX 10 mail
mail A 192.0.2.25
host TXT "exists"
a.empty A 192.0.2.9
`,
  );
  const zones = await loadZoneFiles([wild]);
  assert.is((await zones.lookup('anything.example.com', 'MX')).status, 'ok');
  assert.is((await zones.lookup('x.y.example.com', 'MX')).status, 'ok', 'a wildcard matches several labels');
  assert.is((await zones.lookup('host.example.com', 'MX')).status, 'nodata', 'the name exists: no wildcard');
  assert.is((await zones.lookup('empty.example.com', 'MX')).status, 'nodata', 'an empty non-terminal exists: no wildcard');
  assert.is((await zones.lookup('x.empty.example.com', 'MX')).status, 'nxdomain', 'the closest encloser (empty) owns no wildcard');
  assert.is((await zones.lookup('x.host.example.com', 'MX')).status, 'nxdomain', 'the closest encloser (host) owns no wildcard');
});

resolver('a CNAME loop is a servfail naming the loop', async () => {
  const zones = await loadZoneFiles([COM]);
  const loop = await zones.lookup('loop1.example.com', 'A');
  assert.is(loop.status, 'servfail');
  assert.match(loop.status === 'servfail' ? loop.detail : '', /CNAME loop/);
});

resolver('wildcards answer for names that do not exist below them', async () => {
  const zones = await loadZoneFiles([COM]);
  const wild = await zones.lookup('anything.wild.example.com', 'MX');
  assert.is(wild.status, 'ok');
  assert.equal(wild.status === 'ok' && wild.records.map((record) => record.name), ['anything.wild.example.com']);
  assert.is((await zones.lookup('anything.wild.example.com', 'A')).status, 'nodata');
});

resolver('unreadable or broken files are a ZoneFileError naming file and line', async () => {
  const broken = zone('broken.zone', '$ORIGIN example.com.\n\n@ MX 10\n');
  for (const [paths, pattern] of [
    [[broken], /broken\.zone:3: MX record needs/],
    [[join(folder, 'absent.zone')], /absent\.zone: cannot read zone file: no such file$/],
    [[COM, COM], /example\.com\.zone:1: the zone this file defines is also loaded from .*example\.com\.zone$/],
  ] as const) {
    try {
      await loadZoneFiles(paths);
      assert.unreachable('should have failed');
    } catch (error) {
      assert.instance(error, ZoneFileError);
      assert.match((error as Error).message, pattern);
    }
  }
});

async function loadError(paths: string[]): Promise<ZoneFileError> {
  try {
    await loadZoneFiles(paths);
  } catch (error) {
    if (error instanceof ZoneFileError) return error;
    throw error;
  }
  throw new Error('expected a ZoneFileError');
}

resolver('only regular files of at most 32 MB are read: /dev/zero, a FIFO and a 33 MB file are refused unread', async () => {
  const fifo = join(folder, 'zone.fifo');
  execFileSync('mkfifo', [fifo]);
  const huge = join(folder, 'huge.zone');
  writeFileSync(huge, '');
  truncateSync(huge, 33 * 1024 * 1024);
  assert.is((await loadError(['/dev/zero'])).message, '/dev/zero: cannot read zone file: not a regular file');
  assert.is((await loadError([fifo])).message, `${fifo}: cannot read zone file: not a regular file`);
  assert.is((await loadError([huge])).message, `${huge}: cannot read zone file: larger than 32 MB`);
});

resolver('files that are not zones are named in errors, never quoted (environment, shadow file)', async () => {
  const environ = zone('environ', 'AWS_SECRET_ACCESS_KEY=s3cr3t\u0000CI_JOB_TOKEN=s3cr3t\u0000');
  const shadow = zone('shadow', 'root:$6$s3cr3t:19000:0:99999:7:::\n');
  for (const path of [environ, shadow]) {
    const error = await loadError([path]);
    assert.ok(error.message.startsWith(`${path}:1: `), error.message);
    assert.not.match(error.message, /s3cr3t/);
  }
});

resolver('mailDomains: every owner of MX records and every apex, in DNS order, without wildcards or delegated names', async () => {
  const parent = zone('parent.zone', `$ORIGIN example.org.
@ SOA ns hostmaster 1 2 3 4 5
@ NS ns
ns A 192.0.2.53
b MX 10 mail
a.b MX 10 mail
mail A 192.0.2.25
web A 192.0.2.80
*.wild MX 10 mail
child NS ns.child
child MX 10 mail
below.child MX 10 mail
Z MX 0 .
`);
  const zones = await loadZoneFiles([parent, COM, NET]);
  assert.equal(zones.mailDomains(), [
    'example.com',
    'example.net',
    'example.org',
    'b.example.org',
    'a.b.example.org',
    'z.example.org',
  ]);
});

resolver('mailDomains: a reverse zone (in-addr.arpa, ip6.arpa) is no mail domain, so domain --zone does not audit it', async () => {
  const reverse = zone('reverse.zone', `$ORIGIN 113.0.203.in-addr.arpa.
@ SOA ns1.example.com. hostmaster.example.com. 1 2 3 4 5
@ NS ns1.example.com.
7 PTR mail.example.com.
`);
  const zones = await loadZoneFiles([reverse, COM]);
  assert.equal(zones.mailDomains(), ['example.com']);
});

resolver.run();
