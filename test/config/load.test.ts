// maillint.config.json: found upward, validated strictly (every mistake is a ConfigError naming the
// file), relative zone paths anchored at the file, and merged under the command-line flags.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { UsageError } from '../../src/cli/io.js';
import { buildRunSettings } from '../../src/cli/settings.js';
import type { CommonArguments } from '../../src/cli/options.js';
import { findConfigFile, loadConfig, parseConfigText } from '../../src/config/load.js';
import { SAMPLE_CONFIG } from '../../src/config/sample.js';
import { ConfigError } from '../../src/engine/rules.js';
import { captureIo, temporaryFolder } from '../helpers/cli.js';

const config = suite('config file');

const folder = temporaryFolder();
const project = join(folder.path, 'project');
const nested = join(project, 'templates', 'rendered');
mkdirSync(nested, { recursive: true });
writeFileSync(
  join(project, 'maillint.config.json'),
  JSON.stringify({
    '//': 'a comment',
    rules: { 'subject-missing': 'error', 'date-skew': ['warn', { maxFutureHours: 30 }] },
    profile: 'template',
    resolver: '127.0.0.1:5300',
    zones: ['zones/example.com.zone'],
    sendingIps: ['192.0.2.1'],
    timeout: 1500,
    concurrency: 4,
    headerLimitBytes: 65536,
  }),
);

const BASE_ARGS: CommonArguments = { format: 'stylish', quiet: false, rule: [], offline: false };

async function rejects(text: string, pattern: RegExp): Promise<void> {
  try {
    await parseConfigText(text, '/x/maillint.config.json');
  } catch (error) {
    assert.instance(error, ConfigError);
    assert.match((error as Error).message, /^\/x\/maillint\.config\.json/, 'names the file');
    assert.match((error as Error).message, pattern);
    return;
  }
  assert.unreachable(`accepted ${text}`);
}

async function configErrorOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    assert.instance(error, ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

config('found upward from the working folder, stopping at the root', async () => {
  assert.is(await findConfigFile(nested), join(project, 'maillint.config.json'));
  assert.is(await findConfigFile(folder.path), undefined);
});

config('settings from the file, zones relative to the file, not to the working folder', async () => {
  const loaded = await loadConfig(nested);
  assert.ok(loaded);
  assert.equal(loaded.settings, {
    rules: { 'subject-missing': 'error', 'date-skew': ['warn', { maxFutureHours: 30 }] },
    profile: 'template',
    resolvers: ['127.0.0.1:5300'],
    zones: [join(project, 'zones', 'example.com.zone')],
    sendingIps: ['192.0.2.1'],
    timeoutMs: 1500,
    concurrency: 4,
    headerLimitBytes: 65536,
  });
});

config('flags override the file; --rule merges per id and keeps the file\'s options', async () => {
  const io = captureIo({ cwd: nested });
  const settings = await buildRunSettings(
    { ...BASE_ARGS, rule: ['date-skew=error', 'date-missing=off'], profile: 'final', timeout: 300, zone: ['local.zone'] },
    io,
  );
  assert.equal(settings.rules, { 'subject-missing': 'error', 'date-skew': ['error', { maxFutureHours: 30 }], 'date-missing': 'off' });
  assert.is(settings.profile, 'final');
  assert.is(settings.timeoutMs, 300);
  assert.is(settings.concurrency, 4, 'not given on the command line: the file\'s');
  assert.equal(settings.zones, [join(nested, 'local.zone')], 'flag paths are relative to the working folder');
  assert.equal(settings.resolvers, ['127.0.0.1:5300']);
  assert.equal(settings.sendingIps, ['192.0.2.1']);
  assert.is(settings.headerLimitBytes, 65536);
  assert.is(settings.configPath, join(project, 'maillint.config.json'));
});

config('--config names a file explicitly; a missing one is an error', async () => {
  const other = join(folder.path, 'other.json');
  writeFileSync(other, '{"profile":"template"}');
  const settings = await buildRunSettings({ ...BASE_ARGS, config: 'other.json' }, captureIo({ cwd: folder.path }));
  assert.is(settings.profile, 'template');
  assert.is(settings.configPath, other);
  try {
    await buildRunSettings({ ...BASE_ARGS, config: 'nope.json' }, captureIo({ cwd: folder.path }));
    assert.unreachable();
  } catch (error) {
    assert.instance(error, ConfigError);
    assert.match((error as Error).message, /cannot read config file .*nope\.json: no such file/);
  }
});

config('no config anywhere: defaults', async () => {
  const settings = await buildRunSettings(BASE_ARGS, captureIo({ cwd: folder.path }));
  assert.equal(settings.rules, {});
  assert.is(settings.profile, 'final');
  assert.is(settings.timeoutMs, 5000);
  assert.is(settings.configPath, undefined);
});

config('invalid JSON: line and column of the mistake', async () => {
  await rejects('{\n  "rules": {\n    "subject-missing": "off",\n  }\n}', /:4:3: invalid JSON/);
  await rejects('', /invalid JSON/);
  await rejects('{"rules": tru}', /invalid JSON/);
});

config('strict validation: unknown keys, ids, severities, options, wrong types', async () => {
  await rejects('[]', /must be a JSON object/);
  await rejects('{"rule": {}}', /unknown key "rule"/);
  await rejects('{"rules": {"subject-mising": "off"}}', /unknown check id "subject-mising"; did you mean subject-missing\?/);
  await rejects('{"rules": {"subject-missing": "warning"}}', /rule subject-missing: severity must be/);
  await rejects('{"rules": {"subject-missing": ["bad"]}}', /severity must be/);
  await rejects('{"rules": {"subject-missing": ["warn", {"x": 1}]}}', /unknown option "x"/);
  await rejects('{"rules": {"subject-missing": ["warn", 3]}}', /options must be an object/);
  await rejects('{"rules": {"subject-missing": 2}}', /expected a severity or \[severity, options\]/);
  await rejects('{"rules": {"date-skew": ["warn", {"maxFutureHours": "soon"}]}}', /option "maxFutureHours" must be a number/);
  await rejects('{"rules": []}', /"rules" must be/);
  await rejects('{"profile": "draft"}', /"profile" must be "final" or "template"/);
  await rejects('{"resolver": 53}', /"resolver" must be/);
  await rejects('{"zones": [""]}', /"zones" must be/);
  await rejects('{"sendingIps": "192.0.2.1", "timeout": 0}', /"timeout" must be/);
  await rejects('{"sendingIps": "192.0.2.1,192.0.2.2"}', /"sendingIps" must be a list of IP addresses; "192.0.2.1,192.0.2.2" is not one/);
  await rejects('{"concurrency": 2.5}', /"concurrency" must be a whole number/);
  await rejects('{"timeout": "5s"}', /"timeout" must be/);
  await rejects('{"headerLimitBytes": 10}', /"headerLimitBytes" must be/);
  await rejects('{"dnsbl": "zen.spamhaus.org"}', /"dnsbl" must be a list/);
  await rejects('{"dnsbl": []}', /dnsbl is empty/);
  await rejects('{"dkimSelectors": 5}', /"dkimSelectors" must be/);
  await rejects('{"dkimSelectors": ["s1", "bad selector"]}', /"dkimSelectors": "bad selector" is not a DKIM selector/);
  await rejects('{"dkimSelectors": ["a..b"]}', /is not a DKIM selector/);
});

config('dkimSelectors: read lower-case, and --dkim-selector replaces them', async () => {
  const path = join(folder.path, 'selectors.json');
  writeFileSync(path, '{"dkimSelectors": ["S2026", "mail.k1"]}');
  const fromFile = await buildRunSettings({ ...BASE_ARGS, config: path }, captureIo({ cwd: folder.path }));
  assert.equal(fromFile.dkimSelectors, ['s2026', 'mail.k1']);
  const fromFlag = await buildRunSettings({ ...BASE_ARGS, config: path, 'dkim-selector': ['google'] }, captureIo({ cwd: folder.path }));
  assert.equal(fromFlag.dkimSelectors, ['google']);
});

config('a byte-order mark and "//" comment keys are accepted', async () => {
  assert.equal(await parseConfigText('\ufeff{"//": "hello", "//rules": "x", "profile": "final"}', 'c.json'), { profile: 'final' });
});

config('the init sample and examples/maillint.config.json are valid configs', async () => {
  await parseConfigText(SAMPLE_CONFIG, 'sample');
  const example = new URL('../../examples/maillint.config.json', import.meta.url);
  await parseConfigText(readFileSync(example, 'utf8'), 'examples/maillint.config.json');
});

config('a file that is not JSON (a key file, an environment dump) is named with line and column, never quoted', async () => {
  const secret = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  await rejects(`${secret}\nGITHUB_TOKEN=ghp_abc\n`, /^\/x\/maillint\.config\.json:1:1: invalid JSON: unexpected character$/);
  await rejects(`{"zones": ${secret}}`, /^\/x\/maillint\.config\.json:1:11: invalid JSON: unexpected character$/);
  const path = join(folder.path, 'environ.json');
  writeFileSync(path, secret);
  const message = await configErrorOf(() => loadConfig(folder.path, 'environ.json'));
  assert.not.match(message, /AWS|SECRET|wJal/);
});

config('echoed keys and rule ids: control characters escaped, at most a few dozen characters', async () => {
  const hyperlink = '\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007';
  for (const text of [
    JSON.stringify({ [hyperlink]: 1 }),
    JSON.stringify({ rules: { [hyperlink]: 'off' } }),
    JSON.stringify({ rules: { [hyperlink]: 5 } }),
    JSON.stringify({ rules: { 'date-skew': ['warn', { [hyperlink]: 1 }] } }),
    JSON.stringify({ ['k'.repeat(10_000)]: 1 }),
    JSON.stringify({ rules: { ['r'.repeat(10_000)]: 'off' } }),
    JSON.stringify({ rules: { 'subject-missing': ['x'.repeat(10_000)] } }),
    JSON.stringify({ profile: hyperlink.repeat(100) }),
    JSON.stringify({ dnsbl: [{ zone: 'bl.example', [hyperlink]: 1 }] }),
    JSON.stringify({ dnsbl: [{ zone: 'bl.example', codes: { [hyperlink.repeat(100)]: 1 } }] }),
    JSON.stringify({ dnsbl: [{ zone: 'bl.example', codes: { [hyperlink.repeat(100)]: 'spam' } }] }),
    JSON.stringify({ dnsbl: [hyperlink.repeat(100)] }),
    JSON.stringify({ sendingIps: ['192.0.2.1', hyperlink.repeat(100)] }),
  ]) {
    const message = await configErrorOf(() => parseConfigText(text, '/x/maillint.config.json'));
    assert.not.match(message, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, 'no raw control character');
    assert.ok(message.length < 300, `capped: ${message.length} characters`);
  }
});

config('__proto__, constructor, toString, hasOwnProperty: unknown rule ids and option names, like any other', async () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    const key = JSON.stringify(name);
    await rejects(`{"rules": {${key}: "off"}}`, new RegExp(`unknown check id "${name}"`));
    await rejects(`{"rules": {${key}: ["warn", {}]}}`, new RegExp(`unknown check id "${name}"`));
    await rejects(`{"rules": {"date-skew": ["warn", {${key}: 1}]}}`, new RegExp(`rule date-skew: unknown option "${name}"`));
    await rejects(`{"rules": {"subject-missing": ["warn", {${key}: 1}]}}`, new RegExp(`rule subject-missing: unknown option "${name}" \\(it takes no options\\)`));
    await rejects(`{${key}: 1}`, new RegExp(`unknown key "${name}"`));
  }
});

config('timeout and concurrency past what a timer or a socket table can hold are refused', async () => {
  await rejects('{"timeout": 1e300}', /"timeout" must be milliseconds from 1 to 600000/);
  await rejects('{"timeout": 2147483648}', /"timeout" must be/);
  await rejects('{"timeout": 600001}', /"timeout" must be/);
  await rejects('{"timeout": 0.5}', /"timeout" must be/);
  await rejects('{"concurrency": 1000000}', /"concurrency" must be a whole number from 1 to 1024/);
  assert.equal(await parseConfigText('{"timeout": 600000, "concurrency": 1024}', 'c.json'), { timeoutMs: 600000, concurrency: 1024 });
});

config('--timeout and --concurrency past the same limits are usage errors', async () => {
  const io = captureIo({ cwd: folder.path });
  for (const [args, pattern] of [
    [{ timeout: 2147483648 }, /--timeout takes milliseconds from 1 to 600000, not 2147483648/],
    [{ timeout: 1e300 }, /--timeout takes/],
    [{ timeout: 600001 }, /--timeout takes/],
    [{ concurrency: 1025 }, /--concurrency takes a whole number from 1 to 1024, not 1025/],
  ] as const) {
    try {
      await buildRunSettings({ ...BASE_ARGS, ...args }, io);
      assert.unreachable(`accepted ${JSON.stringify(args)}`);
    } catch (error) {
      assert.instance(error, UsageError);
      assert.match((error as Error).message, pattern);
    }
  }
  const settings = await buildRunSettings({ ...BASE_ARGS, timeout: 600000, concurrency: 1024 }, io);
  assert.equal([settings.timeoutMs, settings.concurrency], [600000, 1024]);
});

config('--rule with a prototype name is refused like any unknown id', async () => {
  const io = captureIo({ cwd: folder.path });
  for (const flag of ['constructor=off', '__proto__=off', 'toString=off', 'hasOwnProperty=off']) {
    try {
      await buildRunSettings({ ...BASE_ARGS, rule: [flag] }, io);
      assert.unreachable(`accepted --rule ${flag}`);
    } catch (error) {
      assert.ok(error instanceof ConfigError || error instanceof UsageError, String(error));
    }
  }
});

config('--config on a device, a FIFO or a file over 1 MB: refused at once, never read whole', async () => {
  const fifo = join(folder.path, 'config.fifo');
  execFileSync('mkfifo', [fifo]);
  const big = join(folder.path, 'big.json');
  writeFileSync(big, `{"//": "${'x'.repeat(1024 * 1024)}"}`);
  for (const [path, reason] of [
    ['/dev/zero', 'not a regular file'],
    ['/dev/urandom', 'not a regular file'],
    [fifo, 'not a regular file'],
    [big, 'larger than 1 MB'],
  ]) {
    const message = await configErrorOf(() => loadConfig(folder.path, path));
    assert.is(message, `cannot read config file ${path}: ${reason}`);
  }
});

config('the smtp section: host, port, tls, user, auth, helo; never a password, and each value checked', async () => {
  const settings = await parseConfigText(JSON.stringify({ smtp: { host: 'SMTP.Example.net', port: 465, tls: 'implicit', user: 'alice', auth: 'cram-md5', helo: 'client.example.net' } }), 'x.json');
  assert.equal(settings.smtp, { host: 'smtp.example.net', port: 465, tls: 'implicit', user: 'alice', auth: 'CRAM-MD5', helo: 'client.example.net' });
  const refused: [unknown, RegExp][] = [
    [{ password: 'hunter2' }, /never holds a password/],
    [{ pass: 'hunter2' }, /never holds a password/],
    [{ host: 'bad host' }, /smtp\.host/],
    [{ host: 'smtp.example.net:587' }, /give the port as "smtp\.port"/],
    [{ port: 0 }, /smtp\.port/],
    [{ tls: 'ssl' }, /smtp\.tls/],
    [{ auth: 'KERBEROS' }, /smtp\.auth/],
    [{ helo: 'a b' }, /smtp\.helo/],
    [{ server: 'x' }, /unknown key "smtp\.server"/],
    ['smtp.example.net', /"smtp" must be an object/],
  ];
  for (const [section, message] of refused) {
    try {
      await parseConfigText(JSON.stringify({ smtp: section }), 'x.json');
      assert.unreachable(JSON.stringify(section));
    } catch (error) {
      assert.instance(error, ConfigError);
      assert.match((error as Error).message, message);
      assert.not.match((error as Error).message, /hunter2/);
    }
  }
});

config.after(() => folder.cleanup());

config.run();
