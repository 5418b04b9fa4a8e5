// The published package's types compile in a consumer that has only what `npm install maillint`
// gives it: the packed tarball, the runtime dependencies and @types/node. A .d.ts that imports a
// package only a devDependency provides (sarif, yargs types) fails here, with skipLibCheck off.
// No network: `npm pack` builds (prepare) and packs locally, and the dependencies are symlinks to
// this repository's node_modules.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { temporaryFolder } from './helpers/cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// A hung child must not hang the suite; this is a guard, not a speed assertion.
const CHILD_TIMEOUT_MS = 180_000;

const CONSUMER_SOURCE = `import {
  buildSarifLog,
  formatSarif,
  lintMessage,
  main,
  validateHostname,
  type CliIo,
  type TargetResult,
} from 'maillint';

const results: TargetResult[] = [await lintMessage('From: a@example.com\\r\\n\\r\\nbody\\r\\n')];
const sarif = buildSarifLog(results, { color: false, cwd: process.cwd() });
const firstRule: string | undefined = sarif.runs[0]?.tool.driver.rules?.[0]?.id;
const text: string = formatSarif(results, { color: false, cwd: process.cwd() });
const hostname = validateHostname('mail.example.com');
const io: CliIo | undefined = undefined;
const code: number = await main(['rules'], io);
console.log(firstRule, text.length, hostname.ok, code);
`;

interface PackageJson {
  dependencies?: Record<string, string>;
}

function run(command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      timeout: CHILD_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' },
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}${failed.message}`);
  }
}

/** `npm pack` as npm test was started (npm_execpath), else the npm on PATH. */
function npm(args: readonly string[], cwd: string): string {
  const npmCli = process.env.npm_execpath;
  return npmCli ? run(process.execPath, [npmCli, ...args], cwd) : run('npm', args, cwd);
}

function linkFromRepository(consumer: string, name: string): void {
  const link = join(consumer, 'node_modules', name);
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
}

/** A consumer project with the unpacked tarball as node_modules/maillint; returns its folder. */
function createConsumer(folder: string): string {
  // prepare builds dist/ first, so the tarball holds what this checkout compiles to.
  npm(['pack', '--pack-destination', folder], ROOT);
  const tarballs = readdirSync(folder).filter((name) => name.endsWith('.tgz'));
  assert.is(tarballs.length, 1, 'npm pack wrote one tarball');
  const tarball = join(folder, tarballs[0]!);
  const consumer = join(folder, 'consumer');
  const installed = join(consumer, 'node_modules', 'maillint');
  mkdirSync(installed, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], folder);

  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
  for (const name of Object.keys(manifest.dependencies ?? {})) linkFromRepository(consumer, name);
  linkFromRepository(consumer, '@types/node');

  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(consumer, 'index.ts'), CONSUMER_SOURCE);
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    strict: true,
    skipLibCheck: false,
    noEmit: true,
  };
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['index.ts'] }));
  return consumer;
}

const test = suite('published types');

test('a consumer of the packed tarball compiles with skipLibCheck off, without our devDependencies, and its maillint command runs', () => {
  const folder = temporaryFolder('maillint-pack-');
  try {
    const consumer = createConsumer(folder.path);
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    let diagnostics = '';
    try {
      run(process.execPath, [tsc, '-p', join(consumer, 'tsconfig.json'), '--pretty', 'false'], consumer);
    } catch (error) {
      diagnostics = (error as Error).message;
    }
    assert.is(diagnostics, '', 'tsc reported errors in the published declarations');

    // The command the tarball installs (package.json bin: the launcher and the CLI bundle) runs.
    const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules/maillint/package.json'), 'utf8')) as PackageJson & { bin: Record<string, string> };
    const bin = join(consumer, 'node_modules/maillint', manifest.bin.maillint!);
    const cacheHome = join(folder.path, 'cache');
    const lint = spawnSync(process.execPath, [bin, '--offline', '--format', 'json', join(ROOT, 'examples/messages/receipt.eml')], {
      cwd: consumer,
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: cacheHome },
    });
    assert.ok(lint.status === 0 || lint.status === 1, lint.stderr);
    assert.is((JSON.parse(lint.stdout) as unknown[]).length, 1);
  } finally {
    folder.cleanup();
  }
});

test.run();
