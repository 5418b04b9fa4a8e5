// The per-command CLI and the run-level limits of issues 9 and 10: options a command does not take,
// repeated options, '-' for stdin and stdout, rules --format json, "did you mean", zone audits without
// names, the per-message domain cap, and failed lookups said whatever the rules.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_DOMAINS_PER_MESSAGE } from '../../src/engine/domain-audits.js';
import { createRun } from '../../src/engine/run.js';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { EXAMPLE_ZONE } from '../helpers/example-zone.js';

const cli = suite('per-command CLI');
let folder: ReturnType<typeof temporaryFolder>;
let server: TestDnsServer;
const CLEAN = 'From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@example.com>\r\n\r\nbody\r\n';

cli.before(async () => {
  folder = temporaryFolder();
  writeFileSync(join(folder.path, 'clean.eml'), CLEAN);
  server = await startDnsServer({ records: [] });
});
cli.after(async () => {
  folder.cleanup();
  await server.close();
});

cli('each command refuses the options it does not take, saying why; --help lists only its own', async () => {
  const address = await runCli(['address', '--resolver', '127.0.0.1', 'a@example.com'], { cwd: folder.path });
  assert.is(address.code, 2);
  assert.match(address.stderr, /makes no DNS query, so --resolver would be ignored/);
  const rules = await runCli(['rules', '--offline'], { cwd: folder.path });
  assert.is(rules.code, 2);
  assert.match(rules.stderr, /takes only --format/);
  const help = await runCli(['address', '--help'], { cwd: folder.path });
  assert.is(help.code, 0);
  assert.not.match(help.stdout, /--zone|--resolver|--dnsbl/);
  assert.match(help.stdout, /--format/);
});

cli('--help says what each command checks since SPF, DMARC, DKIM, reverse DNS and mail stores came in', async () => {
  const top = await runCli(['--help'], { cwd: folder.path });
  assert.match(top.stdout, /\| bounce <inputs\.\.>/, 'the usage line names bounce\'s inputs as its command does');
  const lint = await runCli(['lint', '--help'], { cwd: folder.path });
  assert.match(lint.stdout, /mbox/, 'lint reads mbox files and Maildirs too');
  assert.match(lint.stdout, /--ip .*reverse DNS/s, '--ip is checked for reverse DNS, SPF and DMARC too');
  const domain = await runCli(['domain', '--help'], { cwd: folder.path });
  assert.match(domain.stdout, /SPF, DMARC/);
  const ip = await runCli(['ip', '--help'], { cwd: folder.path });
  assert.match(ip.stdout, /reverse DNS/);
});

cli('a usage error points at the help of the command typed', async () => {
  const ip = await runCli(['ip', '--bogus', '192.0.2.1'], { cwd: folder.path });
  assert.is(ip.code, 2);
  assert.match(ip.stderr, /Run "maillint ip --help" for usage/);
  const lint = await runCli(['--bogus', 'clean.eml'], { cwd: folder.path });
  assert.match(lint.stderr, /Run "maillint --help" for usage/);
});

cli('a value outside an option\'s choices is said as the other usage errors are, not in yargs\' words', async () => {
  const format = await runCli(['--format', 'xml', 'clean.eml'], { cwd: folder.path });
  assert.is(format.code, 2);
  assert.match(format.stderr, /^maillint: --format xml: choose one of stylish, json, jsonl, sarif, junit, github\n/);
  const tls = await runCli(['smtp', '--tls', 'foo', 'smtp.example.net'], { cwd: folder.path });
  assert.match(tls.stderr, /^maillint: --tls foo: choose one of starttls, implicit, none\n/);
});

cli('an empty path ("$UNSET" in a script) is exit 2, never the working folder linted whole', async () => {
  for (const argv of [['--offline', ''], ['--offline', 'clean.eml', ''], ['bounce', '--offline', '']]) {
    const run = await runCli(argv, { cwd: folder.path });
    assert.is(run.code, 2, argv.join(' '));
    assert.match(run.stderr, /an empty path/, argv.join(' '));
    assert.is(run.stdout, '', argv.join(' '));
  }
});

cli('a refused option gets a reason that fits it: the DNS reason only for DNS options', async () => {
  const strict = await runCli(['address', '--strict', 'a@example.com'], { cwd: folder.path });
  assert.is(strict.code, 2);
  assert.not.match(strict.stderr, /makes no DNS query/);
  // One pointer to the command's help, not two.
  assert.match(strict.stderr, /^maillint: the address command does not take --strict\nRun "maillint address --help" for usage\.\n$/);
  const ipStrict = await runCli(['ip', '--strict', '192.0.2.1'], { cwd: folder.path });
  assert.not.match(ipStrict.stderr, /asks DNS blocklists/);
  assert.match(ipStrict.stderr, /the ip command does not take --strict/);
  const zone = await runCli(['address', '--zone', 'x', 'a@example.com'], { cwd: folder.path });
  assert.match(zone.stderr, /makes no DNS query, so --zone would be ignored/);
  const offline = await runCli(['ip', '--offline', '192.0.2.1'], { cwd: folder.path });
  assert.match(offline.stderr, /asks DNS blocklists, so it cannot run with --offline/);
});

cli('--offline with sending IPs names everything they would have been checked for, not only the blocklists', async () => {
  const flag = await runCli(['--offline', '--ip', '192.0.2.1', 'clean.eml'], { cwd: folder.path });
  assert.is(flag.code, 2);
  assert.match(flag.stderr, /blocklists, reverse DNS, SPF and DMARC/);
  writeFileSync(join(folder.path, 'ips.json'), '{"sendingIps": ["192.0.2.1"]}');
  const config = await runCli(['--offline', '--config', 'ips.json', 'clean.eml'], { cwd: folder.path });
  assert.is(config.code, 0, config.stderr);
  assert.match(config.stderr, /sendingIps \(192\.0\.2\.1\) are not checked against blocklists, reverse DNS, SPF and DMARC/);
});

cli('an empty path given to a file option is named as such, not read as the working folder', async () => {
  const cases = [
    ['--offline', '--config', '', 'clean.eml'],
    ['--offline', '--output', '', 'clean.eml'],
    ['--offline', '--zone', '', 'clean.eml'],
    ['domain', '--offline', '--file', ''],
  ];
  for (const argv of cases) {
    const run = await runCli(argv, { cwd: folder.path });
    assert.is(run.code, 2, argv.join(' '));
    assert.match(run.stderr, /--(config|output|zone|file): an empty path was given/, `${argv.join(' ')}: ${run.stderr}`);
    assert.is(run.stdout, '', argv.join(' '));
  }
});

cli('a single-valued option given twice is exit 2 with a plain message, never a stack trace', async () => {
  for (const argv of [['--offline', '-f', 'json', '--format', 'sarif', 'clean.eml'], ['--offline', '-o', 'a.json', '-o', 'b.json', 'clean.eml'], ['domain', '--timeout', '1', '--timeout', '2', 'example.com']]) {
    const run = await runCli(argv, { cwd: folder.path });
    assert.is(run.code, 2, argv.join(' '));
    assert.match(run.stderr, /was given 2 times; give it once/, argv.join(' '));
    assert.not.match(run.stderr, /internal error|    at /, argv.join(' '));
  }
});

cli('options may stand before the command word', async () => {
  const run = await runCli(['--offline', '-f', 'json', 'domain', '--zone', EXAMPLE_ZONE, 'example.com'], { cwd: folder.path });
  assert.is(run.code, 0, run.stderr);
  assert.is((JSON.parse(run.stdout) as { target: string }[])[0]!.target, 'example.com');
});

cli("'-' is stdin for --file and --config, stdout for --output", async () => {
  const domains = await runCli(['domain', '--offline', '--zone', EXAMPLE_ZONE, '--file', '-', '-f', 'json'], { cwd: folder.path, stdin: 'example.com\n' });
  assert.is(domains.code, 0, domains.stderr);
  assert.equal((JSON.parse(domains.stdout) as { target: string }[]).map((result) => result.target), ['example.com']);
  const config = await runCli(['--offline', '--config', '-', '-f', 'json', 'clean.eml'], { cwd: folder.path, stdin: '{"rules": {"subject-missing": "off"}}' });
  assert.is(config.code, 0, config.stderr);
  const output = await runCli(['--offline', '--output', '-', '-f', 'json', 'clean.eml'], { cwd: folder.path });
  assert.is(output.code, 0);
  assert.is((JSON.parse(output.stdout) as unknown[]).length, 1);
  const both = await runCli(['domain', '--config', '-', '--file', '-'], { cwd: folder.path, stdin: 'x' });
  assert.is(both.code, 2);
  assert.match(both.stderr, /can be read once/);
  // The message (or bounce) read from - would otherwise be linted as empty once the config took stdin.
  for (const argv of [['--offline', '--config', '-', '-'], ['bounce', '--offline', '--config', '-', '-']]) {
    const twice = await runCli(argv, { cwd: folder.path, stdin: '{"rules": {}}' });
    assert.is(twice.code, 2, argv.join(' '));
    assert.match(twice.stderr, /--config - and the input - both read stdin, which can be read once/, argv.join(' '));
    assert.is(twice.stdout, '', argv.join(' '));
  }
});

cli('rules --format json for the list and one page; other formats refused; did you mean', async () => {
  const list = await runCli(['rules', '--format', 'json'], { cwd: folder.path });
  assert.ok((JSON.parse(list.stdout) as { id: string }[]).some((check) => check.id === 'date-missing'));
  const page = await runCli(['rules', 'date-skew', '--format', 'json'], { cwd: folder.path });
  const parsed = JSON.parse(page.stdout) as { id: string; documentation: string; options: Record<string, unknown> };
  assert.is(parsed.id, 'date-skew');
  assert.match(parsed.documentation, /^# date-skew/);
  assert.ok(parsed.options.maxFutureHours);
  const sarif = await runCli(['rules', '--format', 'sarif'], { cwd: folder.path });
  assert.is(sarif.code, 2);
  assert.match(sarif.stderr, /--format sarif: choose one of stylish, json/);
  // rules --help offers only the formats rules prints.
  const help = await runCli(['rules', '--help'], { cwd: folder.path });
  assert.match(help.stdout, /\[choices: "stylish", "json"\]/);
  const typo = await runCli(['rules', 'date-skw'], { cwd: folder.path });
  assert.is(typo.code, 2);
  assert.match(typo.stderr, /did you mean date-skew\?/);
  // Input findings are explained with their own severity (input-domains-capped is a warning, not "always an error").
  const capped = await runCli(['rules', 'input-domains-capped'], { cwd: folder.path });
  assert.match(capped.stdout, /It is always a warning\./);
  assert.not.match(capped.stdout, /always an error/);
  const command = await runCli(['--offline', 'lnt', 'clean.eml'], { cwd: folder.path });
  assert.is(command.code, 2);
  assert.match(command.stderr, /did you mean the command maillint lint\?/);
});

cli('domain --zone with no names audits every mail domain of the zone', async () => {
  const run = await runCli(['domain', '--offline', '--zone', EXAMPLE_ZONE, '-f', 'json'], { cwd: folder.path });
  const targets = (JSON.parse(run.stdout) as { target: string }[]).map((result) => result.target);
  assert.ok(targets.includes('example.com'), targets.join(' '));
  assert.ok(targets.includes('no-mail.example.com'), targets.join(' '));
  assert.ok(targets.length >= 5);
});

cli('one message may make a run audit at most MAX_DOMAINS_PER_MESSAGE domains, and says so', async () => {
  server.queries.length = 0;
  const recipients = Array.from({ length: 300 }, (_, index) => `u@d${index}.example.net`).join(', ');
  const message = `From: a@example.com\r\nTo: ${recipients}\r\nSubject: hi\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@example.com>\r\n\r\nbody\r\n`;
  const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: 1000 });
  try {
    const result = await createRun({ resolver }).lintMessage(message);
    // The domains audited are those whose MX was asked (their _dmarc names are asked beside).
    const asked = new Set(server.queries.filter((query) => query.type === 'MX').map((query) => query.name));
    assert.ok(asked.size <= MAX_DOMAINS_PER_MESSAGE, `${asked.size} domains audited`);
    const capped = result.findings.filter((finding) => finding.check === 'input-domains-capped');
    assert.is(capped.length, 1);
    assert.is(capped[0]!.severity, 'warn');
    assert.match(capped[0]!.message, /301 distinct domains/);
  } finally {
    await resolver.close?.();
  }
});

cli('failed lookups are said in the summary and on stderr even with the rules that report them off', async () => {
  server.setFault({ kind: 'servfail' });
  try {
    const run = await runCli(['domain', '--resolver', server.address, '--timeout', '1000', '--rule', 'dns-lookup-failed=off', 'example.com'], { cwd: folder.path });
    assert.not.match(run.stdout, /✓|no problems/);
    assert.match(run.stdout, /DNS lookups? failed/);
    assert.match(run.stderr, /DNS lookups? failed/);
  } finally {
    server.setFault(undefined);
  }
});

cli('the failed-lookups note on stderr names a resolver port where nothing listens among its causes', async () => {
  const run = await runCli(['domain', '--resolver', '127.0.0.1:1', '--timeout', '1000', 'example.com'], { cwd: folder.path });
  assert.is(run.code, 1);
  assert.match(run.stderr, /DNS lookups? failed \(timeout, network error, SERVFAIL/);
});

cli.run();
