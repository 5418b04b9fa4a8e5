// package.json `engines` tells the truth: every Node version it admits is one that each runtime
// dependency (and theirs) admits too, so npm users see no EBADENGINE warning we have not explained.
// (dns2 3.1.1, which declares Node >= 22, is a development dependency: the test DNS servers use it;
// the README explains the warning it prints on Node 20 in a clone.)

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Release lines and the boundaries of the ranges in use: below, at and above each.
const NODE_VERSIONS = ['18.20.8', '20.0.0', '20.18.3', '20.19.0', '21.7.3', '22.0.0', '22.11.0', '22.12.0', '23.11.1', '24.0.0', '26.0.0'];

interface PackageJson {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
}

type Version = [number, number, number];

function parseVersion(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text.replace(/\.\*$/, '').split('.').map(Number);
  return [major, minor, patch];
}

function compare(left: Version, right: Version): number {
  return left[0] - right[0] || left[1] - right[1] || left[2] - right[2];
}

/** The forms node ranges take in our dependency tree: ^a.b.c, >=a[.b[.c]], >= a.*, a.*, joined by ||. */
function satisfies(version: string, range: string): boolean {
  const candidate = parseVersion(version);
  return range.split('||').some((part) => {
    const alternative = part.trim();
    const caret = /^\^(\d+(?:\.\d+){0,2})$/.exec(alternative);
    if (caret) {
      const floor = parseVersion(caret[1]!);
      return compare(candidate, floor) >= 0 && candidate[0] === floor[0];
    }
    const atLeast = /^>=\s*(\d+(?:\.\d+){0,2}|\d+\.\*)$/.exec(alternative);
    if (atLeast) return compare(candidate, parseVersion(atLeast[1]!)) >= 0;
    const major = /^(\d+)\.\*$/.exec(alternative);
    if (major) return candidate[0] === Number(major[1]);
    throw new Error(`engines range "${range}": form "${alternative}" is not understood by this test`);
  });
}

function readPackage(folder: string): PackageJson {
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageJson;
}

/** Where Node would find `name` from `folder`: the nearest node_modules/name upward. */
function findInstalled(name: string, folder: string): string {
  for (let current = folder; ; current = dirname(current)) {
    const candidate = join(current, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(current) === current) throw new Error(`${name} is not installed below ${folder}`);
  }
}

function runtimePackages(): PackageJson[] {
  const seen = new Map<string, PackageJson>();
  const pending = [ROOT];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    for (const name of Object.keys(readPackage(folder).dependencies ?? {})) {
      const installed = findInstalled(name, folder);
      if (seen.has(installed)) continue;
      seen.set(installed, readPackage(installed));
      pending.push(installed);
    }
  }
  return [...seen.values()];
}

const test = suite('engines');
const ownRange = readPackage(ROOT).engines?.node ?? '';
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('the range parser reads the forms in use', () => {
  assert.ok(satisfies('20.19.0', '^20.19.0 || ^22.12.0 || >=23'));
  assert.not.ok(satisfies('22.11.0', '^20.19.0 || ^22.12.0 || >=23'));
  assert.ok(satisfies('12.0.0', '6.* || 8.* || >= 10.*'));
  assert.not.ok(satisfies('7.0.0', '6.* || 8.* || >= 10.*'));
});

test('every Node version engines admits, each runtime dependency admits too', () => {
  assert.ok(ownRange.length > 0, 'package.json declares engines.node');
  const admitted = NODE_VERSIONS.filter((version) => satisfies(version, ownRange));
  assert.ok(admitted.length > 0);
  for (const dependency of runtimePackages()) {
    const range = dependency.engines?.node;
    if (range === undefined) continue;
    const refused = admitted.filter((version) => !satisfies(version, range));
    assert.equal(refused, [], `${dependency.name}@${dependency.version} declares node ${range}`);
  }
});

test('the README quotes the engines range', () => {
  assert.ok(readme.includes(`\`${ownRange}\``), `README.md should quote \`${ownRange}\``);
});

test.run();
