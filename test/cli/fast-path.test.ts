// The fast path must read every command line it accepts, of every command, exactly as full yargs does.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseFast, parseWithYargs } from '../../src/cli/main.js';
import { OPTIONS } from '../../src/cli/options.js';

const fastPath = suite('cli fast path');

const KEYS = Object.keys(OPTIONS);
/** Where each command's words go (and, for a list, the words after `--`, which main.ts appends). */
const POSITIONAL_OF: Record<string, string> = { lint: 'paths', domain: 'names', ip: 'addresses', address: 'addresses', smtp: 'server', bounce: 'inputs', rules: 'id' };
const POSITIONALS = ['paths', 'names', 'addresses', 'server', 'inputs', 'id'];

const accepted: string[][] = [
  ['a.eml'],
  ['lint', 'a.eml', 'b.eml'],
  ['--format', 'json', 'a.eml'],
  ['a.eml', '-f', 'sarif', '--quiet'],
  ['-r', 'subject-missing=off', '--rule', 'date-missing=warn', 'folder'],
  ['--offline', '--zone', 'z1', '--zone', 'z2', '--timeout', '300', 'x.eml'],
  ['--max-warnings', '0', '--ip', '192.0.2.1', '--ip', '2001:db8::1', 'x.eml'],
  ['--resolver', '127.0.0.1:5300', '--concurrency=8', '--', '--weird-name.eml', 'plain.eml'],
  ['--profile', 'template', '-o', 'report.txt', '123'],
  ['-qf', 'json', 'a.eml'],
  ['--format=sarif', '--timeout=250', 'a.eml'],
  ['lint', '--', 'lint', 'rules'],
  ['--fix', 'a.eml'],
  ['a.eml', '--fix-dry-run', '-f', 'json'],
  [],
  ['rules'],
  ['rules', 'mx-null'],
  ['rules', '--format', 'json'],
  ['domain', 'example.com', 'example.net', '--offline', '--zone', 'z1'],
  ['domain', '--file', 'list.txt', '-q', '--resolver', '127.0.0.1:53', '--', '-weird.example'],
  ['domain', '--zone=z1'],
  ['ip', '192.0.2.1', '--dnsbl', 'zen.example', '--dnsbl', 'bl.example', '-f', 'json'],
  ['address', 'Jane <jane@example.com>', '--offline', '-r', 'address-obsolete=off'],
  ['address', '--', '-dash@example.com'],
  ['smtp', 'mail.example.com:587', '--user', 'me', '--to', 'a@example.com', '--to', 'b@example.com', '--tls', 'implicit'],
  ['smtp', '--verbose', '--timeout', '2000'],
  ['bounce', 'dsn.eml', '--strict', '--offline'],
  ['bounce', '--', '-odd.eml'],
  ['init'],
];

for (const argv of accepted) {
  fastPath(`same reading as yargs: ${JSON.stringify(argv)}`, async () => {
    const fast = parseFast(argv);
    assert.ok(fast, 'the fast path accepts it');
    const full = await parseWithYargs(argv);
    assert.is(full.error, undefined);
    const fullArgs = full.args!;
    assert.is(String(fast._[0] ?? 'lint'), String(fullArgs._[0] ?? 'lint'), 'command');
    const command = String(fast._[0]);
    for (const key of POSITIONALS) {
      const fullValue = fullArgs[key] === undefined ? undefined : [fullArgs[key]].flat().map(String);
      const rest = key === POSITIONAL_OF[command] ? ((fullArgs['--'] as string[] | undefined) ?? []) : [];
      const expected = fullValue === undefined && rest.length === 0 ? undefined : [...(fullValue ?? []), ...rest];
      const fastValue = fast[key] === undefined ? undefined : [fast[key]].flat();
      assert.equal(fastValue?.length === 0 && expected === undefined ? undefined : fastValue, expected, key);
    }
    for (const key of KEYS) assert.equal(fast[key], fullArgs[key], key);
  });
}

const declined: string[][] = [
  ['--help'],
  ['rules', '--help'],
  ['domain', '--help'],
  ['rules', 'a', 'b'],
  ['rules', '--', 'x'],
  ['init', 'x'],
  ['address', '--zone', 'z', 'a@example.com'],
  ['domain', '--ip', '192.0.2.1', 'example.com'],
  ['help'],
  ['smtp', 'a.example', 'b.example'],
  ['smtp', '--tls', 'maybe', 'a.example'],
  ['--bogus', 'a.eml'],
  ['--format', 'xml', 'a.eml'],
  ['--timeout', 'soon', 'a.eml'],
  ['--output', 'a', '--output', 'b', 'x.eml'],
  ['--offline', 'false', 'a.eml'],
  ['-fjson', 'a.eml'],
  ['--no-offline', 'a.eml'],
  ['--timeout', '1e3', 'a.eml'],
  ['--max-warnings', '-1', 'a.eml'],
  ['--version'],
];

for (const argv of declined) {
  fastPath(`left to yargs: ${JSON.stringify(argv)}`, () => {
    assert.is(parseFast(argv), undefined);
  });
}

fastPath('--version prints the package version; arguments after -- where a command takes none are exit 2', async () => {
  const { main } = await import('../../src/cli/main.js');
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (text: string) => void out.push(text),
    stderr: (text: string) => void err.push(text),
    stdin: process.stdin,
    cwd: process.cwd(),
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  assert.is(await main(['--version'], io), 0);
  assert.match(out.join(''), /^\d+\.\d+\.\d+\n$/);
  // Answered without yargs, as yargs answers it.
  const { parseWithYargs } = await import('../../src/cli/main.js');
  assert.is(out.join(''), `${(await parseWithYargs(['--version'])).output}\n`);
  assert.is(await main(['rules', '--', 'x'], io), 2);
  assert.match(err.join(''), /unexpected arguments after --: x/);
});

fastPath('an option missing its value is exit 2 naming it, never silently ignored', async () => {
  const { main } = await import('../../src/cli/main.js');
  for (const argv of [['x.eml', '-o'], ['x.eml', '--max-warnings'], ['x.eml', '-o', '-q'], ['domain', '--file']]) {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (text: string) => void err.push(text), stdin: process.stdin, cwd: process.cwd(), env: {}, stdoutIsTTY: false, stderrIsTTY: false };
    assert.is(await main(['--offline', ...argv], io), 2, argv.join(' '));
    assert.match(err.join(''), /Not enough arguments following/, argv.join(' '));
  }
});

fastPath.run();
