// The zone-file resolver answers like a resolver over the loaded zones: authoritative inside them,
// 'refused' (never NXDOMAIN) outside them.

import { mkdtempSync, writeFileSync } from 'node:fs';
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
    [[join(folder, 'absent.zone')], /absent\.zone: cannot read zone file: ENOENT/],
    [[COM, COM], /zone "example\.com" is also loaded/],
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

resolver.run();
