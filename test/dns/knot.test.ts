// Integration: the domain audit over the network resolver against a real authoritative server,
// Knot DNS, serving test/fixtures/knot/*.zone and the example zone. The same zones read by the
// zone-file resolver must give the same findings. Where knotd is not installed the suite says so
// and skips, except under MAILLINT_REQUIRE_KNOT=1 (set by .ci/run), where its absence fails.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createNetworkResolver, type NetworkResolver } from '../../src/dns/network-resolver.js';
import { loadZoneFiles } from '../../src/dns/zone-file-resolver.js';
import { auditDomains, checkIps } from '../../src/engine/api.js';
import type { Resolver } from '../../src/dns/types.js';
import { EXAMPLE_ZONE, EXAMPLE_ZONE_FINDINGS } from '../helpers/example-zone.js';
import { findKnotd, startKnot, type KnotServer } from '../helpers/knot.js';
import { skipBecause } from '../helpers/skip.js';

const knotSuite = suite('Knot DNS integration');
const KNOT_FIXTURES = fileURLToPath(new URL('../fixtures/knot/', import.meta.url));
const ZONE_FILES = [
  ...readdirSync(KNOT_FIXTURES)
    .filter((file) => file.endsWith('.zone'))
    .map((file) => join(KNOT_FIXTURES, file)),
  EXAMPLE_ZONE,
];

/** Each domain and the findings (check:severity) its audit must give. */
const EXPECTED: (readonly [string, readonly string[]])[] = [
  ['example.net', []],
  ['mx-alias.example.net', ['mx-cname:error']],
  ['dangling.example.net', ['mx-cname:error', 'mx-target-missing:error']],
  ['no-mail.example.net', ['mx-null:error']],
  ['null-mixed.example.net', ['mx-null-mixed:error']],
  ['no-address.example.net', ['mx-target-missing:error']],
  ['txt-host.example.net', ['mx-target-missing:error']],
  ['a-only.example.net', ['mx-missing:warn']],
  ['txt-only.example.net', ['mx-missing:error']],
  ['private.example.net', ['mx-private-address:error']],
  ['literal.example.net', ['mx-ip-literal:error']],
  ['domain-alias.example.net', []],
  ['v6-only.example.net', []],
  ['loop.example.net', ['dns-lookup-failed:error']],
  ['missing.example.net', ['domain-nxdomain:error']],
  ['monitor.example.net', ['dmarc-policy-none:info']],
  ['typo.example.net', ['dmarc-invalid:error']],
  ['elsewhere.example.net', ['dmarc-report-unauthorized:warn']],
  ...EXAMPLE_ZONE_FINDINGS,
];

/** Each sending IP and its reverse-DNS findings (in-addr.arpa and ip6.arpa zones); the blocklist checks stay off. */
const IP_EXPECTED: (readonly [string, readonly string[]])[] = [
  ['203.0.113.7', []],
  ['203.0.113.8', ['ptr-mismatch:error']],
  ['203.0.113.9', ['ptr-missing:error']],
  ['203.0.113.10', ['ptr-generic:warn']],
  ['2001:db8::25', []],
  ['2001:db8::26', ['ptr-missing:error']],
];
const BLOCKLISTS_OFF = { 'dnsbl-listed': 'off', 'dnsbl-dynamic-ip': 'off', 'dnsbl-unusable': 'off' } as const;

async function ipFindingsOf(ip: string, resolver: Resolver): Promise<string[]> {
  const result = (await checkIps([ip], { resolver, rules: BLOCKLISTS_OFF }))[0]!;
  return result.findings.map((finding) => `${finding.check}:${finding.severity}`).sort();
}

async function findingsOf(domain: string, resolver: Resolver): Promise<string[]> {
  const result = (await auditDomains([domain], { resolver }))[0]!;
  return result.findings.map((finding) => `${finding.check}:${finding.severity}`).sort();
}

const knotd = findKnotd();
if (knotd === undefined) {
  if (process.env.MAILLINT_REQUIRE_KNOT === '1') {
    knotSuite('knotd is installed (MAILLINT_REQUIRE_KNOT=1)', () => {
      assert.unreachable('knotd not found on PATH or in /usr/sbin: install the Debian package "knot" (.ci/run does)');
    });
  } else {
    skipBecause(knotSuite, 'audits against knotd', 'knotd is not installed (apt-get install knot); CI runs this with MAILLINT_REQUIRE_KNOT=1');
  }
} else {
  let knot: KnotServer;
  let resolver: NetworkResolver;
  knotSuite.before(async () => {
    knot = await startKnot({ zoneFiles: ZONE_FILES, knotd });
    resolver = createNetworkResolver({ servers: [knot.address], timeoutMs: 2000 });
  });
  knotSuite.after(async () => {
    resolver?.close();
    await knot?.stop();
  });

  knotSuite('knotd serves the zones on a high port of 127.0.0.1', () => {
    assert.ok(knot.port > 1023, `port ${knot.port}`);
    assert.equal(knot.zones.sort(), ['113.0.203.in-addr.arpa', '8.b.d.0.1.0.0.2.ip6.arpa', 'example.com', 'example.net']);
    assert.not.match(knot.log(), /error/i, knot.log());
  });

  for (const [domain, expected] of EXPECTED) {
    knotSuite(`${domain}: ${expected.length === 0 ? 'no findings' : expected.join(', ')} (knotd, and the same from the zone file)`, async () => {
      assert.equal(await findingsOf(domain, resolver), [...expected].sort(), `through knotd at ${knot.address}`);
      const zones = await loadZoneFiles(ZONE_FILES);
      assert.equal(await findingsOf(domain, zones), [...expected].sort(), 'through the zone-file resolver');
    });
  }

  for (const [ip, expected] of IP_EXPECTED) {
    knotSuite(`${ip}: ${expected.length === 0 ? 'no findings' : expected.join(', ')} (reverse zones on knotd, and the same from the zone files)`, async () => {
      assert.equal(await ipFindingsOf(ip, resolver), [...expected].sort(), `through knotd at ${knot.address}`);
      assert.equal(await ipFindingsOf(ip, await loadZoneFiles(ZONE_FILES)), [...expected].sort(), 'through the zone-file resolver');
    });
  }

  knotSuite('DKIM keys on knotd: a 4096-bit key in four strings is joined whole, a 512-bit one is weak; the same from the zone file', async () => {
    for (const zoneResolver of [resolver, await loadZoneFiles(ZONE_FILES)]) {
      const [result] = await auditDomains(['example.net'], { resolver: zoneResolver, dkimSelectors: ['big', 'small'] });
      assert.equal(result!.findings.map((finding) => `${finding.check}:${finding.severity}`), ['dkim-key-weak:error']);
      assert.match(result!.findings[0]!.message, /selector small is RSA 512 bits/);
    }
  });

  knotSuite('a name outside the served zones: knotd refuses, and the audit says so', async () => {
    const result = (await auditDomains(['example.org'], { resolver }))[0]!;
    // Each family of checks says its own lookup failed: the MX audit and the DMARC policy.
    assert.equal(result.findings.map((finding) => finding.check).sort(), ['dmarc-missing', 'dns-lookup-failed']);
    assert.ok(result.findings.every((finding) => finding.severity === 'error'));
    assert.match(result.findings.find((finding) => finding.check === 'dns-lookup-failed')!.message, `MX lookup for example.org: ${knot.address} answered REFUSED`);
    assert.match(result.findings.find((finding) => finding.check === 'dmarc-missing')!.message, `TXT lookup for _dmarc.example.org: ${knot.address} answered REFUSED`);
  });
}

knotSuite.run();
