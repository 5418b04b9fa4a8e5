// `npm run build`, second step (kept beside the CLI it bundles: the repository's top level is
// fixed): bundles the CLI from its TypeScript sources into dist/cli/ (or the folder given as the
// first argument: test/cli/launch.test.ts builds its own), as two CommonJS files:
// - maillint.cjs, the whole CLI from src/cli/bin.ts (npm packages stay external, but for
//   BUNDLED_PACKAGES below). One CommonJS file, not ES modules split into chunks: Node's ES module
//   loader costs more per start than compiling the code it saves (issue 15, `npm run bench --
//   startup`, `rules`: 77 ms of CPU as ES module chunks, 71 ms as one CommonJS file, 64 ms with the
//   code cache, `node -e 0` 47 ms). What a command does not run is only pre-parsed, and its modules
//   initialise on first use (esbuild's lazy module wrappers), so loading is still on demand;
// - bin.cjs, the command (package.json `bin`): src/cli/launch.ts, which runs maillint.cjs through
//   V8's code cache. It gets the bundle's SHA-256, so a cache never serves another build's code.
// The library (dist/src, from tsc) is not bundled.

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const outdir = process.argv[2] ?? 'dist/cli';

/**
 * The modules that load an npm package through createRequire (which a bundler cannot follow) are
 * given a plain import of it instead, so the package is bundled and its compiled code lands in the
 * code cache with the rest (src/message/email-addresses-package.ts says why).
 */
const BUNDLED_PACKAGES = [
  { name: 'email-addresses', module: /[\\/]src[\\/]message[\\/]email-addresses-package\.ts$/, contents: "export { default as emailAddresses } from 'email-addresses';" },
];
const bundlePackages = {
  name: 'bundle-packages',
  setup(bundler) {
    for (const { module, contents } of BUNDLED_PACKAGES) {
      bundler.onLoad({ filter: module }, (file) => ({ contents, loader: 'ts', resolveDir: dirname(file.path) }));
    }
  },
};
const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' };
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
// The sources are ES modules: import.meta.url becomes the bundle's own URL (module folders and
// createRequire then resolve from the bundle's folder, beside package.json's packages).
const importMetaUrlShim = join(outdir, 'import-meta-url.mjs');
writeFileSync(importMetaUrlShim, 'export const importMetaUrl = require("node:url").pathToFileURL(__filename).href;\n');
try {
  await build({
    ...common,
    entryPoints: ['src/cli/bin.ts'],
    outfile: join(outdir, 'maillint.cjs'),
    // npm packages stay outside, but for those BUNDLED_PACKAGES takes in.
    external: Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies).filter((name) => !BUNDLED_PACKAGES.some((bundled) => bundled.name === name)),
    plugins: [bundlePackages],
    inject: [importMetaUrlShim],
    define: { 'import.meta.url': 'importMetaUrl' },
    // yargs is an ES module: required (Node 20.19+ requires ES modules) rather than import()ed, which
    // code compiled through node:vm (the launcher) cannot do without an experimental loader.
    supported: { 'dynamic-import': false },
  });
} finally {
  rmSync(importMetaUrlShim);
}
const bundleBytes = readFileSync(join(outdir, 'maillint.cjs'));
const bundleHash = createHash('sha256').update(bundleBytes).digest('hex');
// An ASCII bundle is read as latin1, the same text: decoding 800 KB as UTF-8 costs ~0.4 ms more of
// every start (issue 15). esbuild escapes strings; a comment or raw template with other characters
// makes it UTF-8 again (test/cli/launch.test.ts holds the bundle ASCII).
const bundleEncoding = bundleBytes.every((byte) => byte < 0x80) ? 'latin1' : 'utf8';
await build({
  ...common,
  entryPoints: ['src/cli/launch.ts'],
  outfile: join(outdir, 'bin.cjs'),
  banner: { js: '#!/usr/bin/env node' },
  define: { MAILLINT_BUNDLE_HASH: JSON.stringify(bundleHash), MAILLINT_BUNDLE_ENCODING: JSON.stringify(bundleEncoding) },
});
chmodSync(join(outdir, 'bin.cjs'), 0o755);
