// A resolver that answers NXDOMAIN for everything (filtering resolvers do) must not turn every domain
// into "does not exist": when it denies the domain's top-level domain too, and the Public Suffix List
// knows that TLD, the finding says the resolver is broken (issue 9 item 7).

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import { createRun } from '../../src/engine/run.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

const lying = suite('lying resolver');
let deniesEverything: TestDnsServer;
let honest: TestDnsServer;

lying.before(async () => {
  deniesEverything = await startDnsServer({ records: [] });
  honest = await startDnsServer({ records: [{ type: 'SOA', name: 'com', ttl: 300, primary: 'a.gtld-servers.net', admin: 'nstld.verisign-grs.com', serial: 1 }] });
});
lying.after(async () => {
  await deniesEverything.close();
  await honest.close();
});

async function audit(server: TestDnsServer, domain: string) {
  const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: 1000 });
  try {
    return (await createRun({ resolver }).auditDomains([domain]))[0]!.findings;
  } finally {
    await resolver.close();
  }
}

lying('NXDOMAIN for the domain and for com itself: the resolver is named as broken, the domain is not called missing', async () => {
  const findings = await audit(deniesEverything, 'example.com');
  assert.equal(findings.map((finding) => finding.check), ['dns-lookup-failed']);
  assert.match(findings[0]!.message, /top-level domain com, which does exist: the resolver is broken or filtering/);
  assert.match(findings[0]!.message, new RegExp(`the resolver ${deniesEverything.address.replace(/\./g, '\\.')}`));
});

lying('a resolver that knows com: a missing domain is domain-nxdomain as before', async () => {
  const findings = await audit(honest, 'missing.example.com');
  assert.equal(findings.map((finding) => finding.check), ['domain-nxdomain']);
});

lying('a TLD the Public Suffix List does not know (a typo such as .con) may really not exist: domain-nxdomain', async () => {
  const findings = await audit(deniesEverything, 'gmail.con');
  assert.equal(findings.map((finding) => finding.check), ['domain-nxdomain']);
});

lying.run();
