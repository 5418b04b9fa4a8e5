// A domain audit loads the Public Suffix List (tldts, ~30 ms of start-up) and node:crypto only when
// it needs them: the example zone's domain publishes its own DMARC record, reports to itself and has
// no DKIM selector, so `maillint domain --offline --zone` starts as fast as it did before DMARC.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const load = suite('DMARC and DKIM load cost');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// A module-resolution hook that prints tldts and node:crypto when anything imports them.
const HOOK = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (/\\/tldts\\/|^node:crypto$|^crypto$/.test(resolved.url) || specifier === 'node:crypto' || specifier === 'tldts') process.stdout.write(specifier + '\\n');
  return resolved;
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

function loadedBy(script: string): string[] {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.is(run.status, 0, run.stderr.slice(0, 2000));
  return [...new Set(run.stdout.trim().split('\n').filter((line) => line !== '' && !line.startsWith('{')))].sort();
}

const AUDIT = (domain: string, selectors: string) => `
  const { loadZoneFiles } = await import('./src/dns/zone-file-resolver.ts');
  const { auditDomains } = await import('./src/engine/api.ts');
  const resolver = await loadZoneFiles(['examples/dns/example.zone']);
  await auditDomains([${JSON.stringify(domain)}], { resolver, dkimSelectors: ${selectors} });
`;

load('a domain with its own DMARC record reporting to itself, no selector: neither tldts nor node:crypto', () => {
  assert.equal(loadedBy(AUDIT('example.com', '[]')), []);
});

load('a subdomain falling back to its organizational domain loads tldts; a DKIM key to read loads node:crypto', () => {
  assert.equal(loadedBy(AUDIT('a-only.example.com', '[]')), ['tldts']);
  assert.equal(loadedBy(`
    const { parseDkimKey } = await import('./src/auth/dkim-key.ts');
    parseDkimKey('v=DKIM1; p=');
  `), ['node:crypto']);
});

load.run();
