// The CLI's entry point, as tsx runs it from the sources; the installed command is this file bundled
// (dist/cli/maillint.cjs) behind the compile-cache launcher (dist/cli/bin.cjs, src/cli/launch.ts).
import { start } from './start.js';

start(process.argv.slice(2));
