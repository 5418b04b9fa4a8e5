// check_host() against Knot DNS: three levels of includes, the ptr mechanism and the %{p} macro with
// in-addr.arpa and ip6.arpa zones, and a name the server refuses (temperror, never a pass). The tree's
// count: mx, include:_l1, include:_l2, a:mail, include:_l3.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkHost } from '../../src/auth/spf/check-host.js';
import { inspectSpf } from '../../src/auth/spf/inspect.js';
import { createNetworkResolver, type NetworkResolver } from '../../src/dns/network-resolver.js';
import { findKnotd, startKnot, type KnotServer } from '../helpers/knot.js';
import { skipBecause } from '../helpers/skip.js';

const knotSpf = suite('SPF against Knot DNS');
const FOLDER = fileURLToPath(new URL('../fixtures/spf-knot/', import.meta.url));
const knotd = findKnotd();

if (knotd === undefined && process.env.MAILLINT_REQUIRE_KNOT === '1') {
  knotSpf('knotd is installed (MAILLINT_REQUIRE_KNOT=1)', () => {
    assert.unreachable('knotd not found on PATH or in /usr/sbin: install the Debian package "knot" (.ci/run does)');
  });
} else if (knotd === undefined) {
  skipBecause(knotSpf, 'check_host() against knotd', 'knotd is not installed (apt-get install knot); CI runs this with MAILLINT_REQUIRE_KNOT=1');
} else {
  let knot: KnotServer;
  let resolver: NetworkResolver;
  knotSpf.before(async () => {
    const zoneFiles = readdirSync(FOLDER).filter((file) => file.endsWith('.zone')).map((file) => join(FOLDER, file));
    knot = await startKnot({ zoneFiles, knotd });
  });
  knotSpf.before.each(() => {
    resolver = createNetworkResolver({ servers: [knot.address], timeoutMs: 2000 });
  });
  knotSpf.after.each(() => resolver.close());
  knotSpf.after(async () => {
    await knot?.stop();
  });

  const result = async (ip: string, domain: string) => (await checkHost(ip, domain, `orders@${domain}`, resolver)).result;

  knotSpf('three levels of includes: each level passes its own hosts, softfail and fail come through as no match', async () => {
    assert.is(await result('192.0.2.25', 'spf.example.org'), 'pass');
    assert.is(await result('198.51.100.9', 'spf.example.org'), 'pass');
    assert.is(await result('2001:db8:3::1', 'spf.example.org'), 'pass');
    assert.is(await result('203.0.113.9', 'spf.example.org'), 'fail');
    const facts = await inspectSpf('spf.example.org', resolver);
    assert.equal([facts.lookups, facts.voidLookups, facts.partial], [5, 0, false]);
  });

  knotSpf('ptr: a PTR name that resolves back to the IP, IPv4 and IPv6; one that does not is no match', async () => {
    assert.is(await result('192.0.2.25', 'by-ptr.spf.example.org'), 'pass');
    assert.is(await result('2001:db8::25', 'by-ptr.spf.example.org'), 'pass');
    assert.is(await result('192.0.2.26', 'by-ptr.spf.example.org'), 'fail', '192.0.2.26 points at a name whose address is .25');
  });

  knotSpf('the %{p} macro expands to the validated name', async () => {
    assert.is(await result('192.0.2.25', 'by-p-macro.spf.example.org'), 'pass');
    assert.is(await result('192.0.2.26', 'by-p-macro.spf.example.org'), 'fail');
  });

  knotSpf('an include the server refuses (not its zone) is temperror', async () => {
    const verdict = await checkHost('192.0.2.25', 'outside.spf.example.org', 'orders@outside.spf.example.org', resolver);
    assert.is(verdict.result, 'temperror', JSON.stringify(verdict));
  });
}

knotSpf.run();
