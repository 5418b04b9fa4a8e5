// Start-up cost (issue 15): the resolver reads and writes DNS messages itself, so a DNS run loads
// no dns2 at all (its entry point also loads its servers, clients and node:http), and neither does
// an offline zone audit. Checked in a
// child process, whose module cache holds only what the code under test loaded.

import { execFileSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const test = suite('DNS modules load on demand');

/** The dns2 files (relative to the package) in the CommonJS module cache after `script` ran. */
function dns2FilesLoadedBy(script: string): string[] {
  const program = `
    import { createRequire } from 'node:module';
    ${script}
    const cache = createRequire(import.meta.url).cache;
    console.log(JSON.stringify(Object.keys(cache).filter((file) => file.includes('/node_modules/dns2/')).map((file) => file.replace(/.*\\/node_modules\\/dns2\\//, '')).sort()));
  `;
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { cwd: process.cwd(), encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').pop()!) as string[];
}

test('a network resolver loads no dns2', () => {
  const loaded = dns2FilesLoadedBy(`
    const { createNetworkResolver } = await import('./src/dns/network-resolver.ts');
    createNetworkResolver({ servers: ['127.0.0.1:5300'] }).close();
  `);
  assert.equal(loaded, []);
});

test('an offline zone resolver loads no dns2 at all', () => {
  const loaded = dns2FilesLoadedBy(`
    const { createResolver } = await import('./src/dns/create-resolver.ts');
    await createResolver({ offline: true, resolvers: [], zones: ['test/fixtures/knot/example.net.zone'], timeoutMs: 1000, concurrency: 4 });
  `);
  assert.equal(loaded, []);
});

test.run();
