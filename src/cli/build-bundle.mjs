// `npm run build`, second step (kept beside the CLI it bundles: the repository's top level is
// fixed): bundles the CLI tsc compiled (dist/src/cli/bin.js) into dist/cli/,
// the command's own code in a few files, split where commands load on demand (yargs, DNS, each
// report format stay separate chunks); npm packages stay external. Node 20's ES module loader pays
// ~0.3 ms per file, and one command loads about 100 of ours: bundled, every command starts
// 15-20 ms of CPU sooner (issue 15; `npm run bench -- startup`). The library (dist/src) is not bundled.

import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';

const outdir = 'dist/cli';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: ['dist/src/cli/bin.js'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outdir,
  logLevel: 'warning',
});
chmodSync(`${outdir}/bin.js`, 0o755);
