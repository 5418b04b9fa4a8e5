import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseResolvConf, readSystemNameservers } from '../../src/dns/resolv-conf.js';
import { parseServerAddress, ServerAddressError } from '../../src/dns/server-address.js';

const test = suite('server addresses and resolv.conf');

test('host, host:port, bare IPv6, [IPv6], [IPv6]:port', () => {
  const cases: [string, string, number, 4 | 6][] = [
    ['192.0.2.53', '192.0.2.53:53', 53, 4],
    ['192.0.2.53:5300', '192.0.2.53:5300', 5300, 4],
    [' 127.0.0.1:53 ', '127.0.0.1:53', 53, 4],
    ['::1', '[::1]:53', 53, 6],
    ['[::1]', '[::1]:53', 53, 6],
    ['[::1]:5300', '[::1]:5300', 5300, 6],
    ['[2001:DB8:0:0::53]:53', '[2001:db8::53]:53', 53, 6],
  ];
  for (const [input, text, port, family] of cases) {
    const parsed = parseServerAddress(input);
    assert.is(parsed.text, text, input);
    assert.is(parsed.port, port, input);
    assert.is(parsed.family, family, input);
  }
});

test('bad input is a ServerAddressError naming the input', () => {
  for (const input of ['', 'dns.example.com', 'example.com:53', '192.0.2.53:0', '192.0.2.53:65536', '192.0.2.53:x', '192.0.2.53:', '1.2.3', '::1:53x', '[192.0.2.1]:53', '[::1]53', '[::1', '2001:db8::1:53:']) {
    try {
      parseServerAddress(input);
      assert.unreachable(`accepted ${JSON.stringify(input)}`);
    } catch (error) {
      assert.instance(error, ServerAddressError, input);
      assert.match((error as Error).message, `--resolver ${JSON.stringify(input)}`);
    }
  }
});

test('resolv.conf: nameserver lines in order, comments and other lines ignored', () => {
  const servers = parseResolvConf(
    '# generated\nsearch example.com\nnameserver 192.0.2.53 # primary\n;nameserver 192.0.2.99\nnameserver ::1\nnameserver fe80::1%eth0\nnameserver not-an-ip\noptions timeout:2\n',
  );
  assert.equal(
    servers.map((server) => server.text),
    ['192.0.2.53:53', '[::1]:53', '[fe80::1%eth0]:53'],
  );
});

test('resolv.conf missing or listing no nameserver: a reason, never a fallback', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'maillint-resolv-'));
  const empty = join(folder, 'resolv.conf');
  writeFileSync(empty, '# nothing here\nsearch example.com\n');
  const none = await readSystemNameservers(empty);
  assert.equal(none, { ok: false, reason: `no nameservers: ${empty} lists none; pass --resolver host[:port]` });
  const missing = await readSystemNameservers(join(folder, 'absent'));
  assert.is(missing.ok, false);
});

test.run();
