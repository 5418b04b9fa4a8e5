// `npm run bench`: runs every test/bench/*.bench.ts, each in its own child process (a bench's
// memory and loaded modules never colour the next one), one after another, streaming their output,
// then prints a summary. Lines a bench prints starting with `result:` are its figures and go into
// the summary; a bench that prints none is summarised by its last lines.
// A bench that exits non-zero, is killed, or runs past BENCH_TIMEOUT_SECONDS (default 900) is a
// failure: the summary says why and the runner exits 1.
// Usage: npm run bench [-- substring]   (only benches whose file name contains the substring)

import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchFolder = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';
const timeoutSeconds = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 900);

interface Outcome {
  name: string;
  seconds: number;
  failure?: string;
  results: string[];
  tail: string[];
}

function runBench(file: string): Promise<Outcome> {
  const name = file.replace(/\.bench\.ts$/, '');
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(benchFolder, file)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
    const results: string[] = [];
    let tail: string[] = [];
    let partial = '';
    const keep = (text: string): void => {
      partial += text;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('result:')) results.push(line.slice('result:'.length).trim());
        if (line.trim() !== '') tail = [...tail.slice(-4), line];
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      keep(chunk.toString());
    });
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      keep(chunk.toString());
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    const finish = (failure: string | undefined): void => {
      clearTimeout(timer);
      keep('\n');
      resolve({ name, seconds: (Date.now() - started) / 1000, failure, results, tail });
    };
    child.on('error', (error) => finish(`could not start: ${error.message}`));
    child.on('close', (code, signal) => {
      if (timedOut) finish(`ran past BENCH_TIMEOUT_SECONDS=${timeoutSeconds} and was killed`);
      else if (signal) finish(`killed by ${signal}`);
      else if (code !== 0) finish(`exited with status ${code}`);
      else finish(undefined);
    });
  });
}

const files = readdirSync(benchFolder)
  .filter((file) => file.endsWith('.bench.ts') && file.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`no benchmarks match ${JSON.stringify(filter)} in ${benchFolder}`);
  process.exit(1);
}

const outcomes: Outcome[] = [];
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  outcomes.push(await runBench(file));
}

console.log('\n=== summary ===');
for (const outcome of outcomes) {
  const status = outcome.failure ? `FAILED: ${outcome.failure}` : 'ok';
  console.log(`${outcome.name} (${outcome.seconds.toFixed(1)} s): ${status}`);
  const lines = outcome.results.length > 0 ? outcome.results : outcome.failure ? outcome.tail : outcome.tail.slice(-2);
  for (const line of lines) console.log(`  ${line}`);
}
const failed = outcomes.filter((outcome) => outcome.failure).length;
console.log(`${outcomes.length - failed} of ${outcomes.length} benchmarks ran${failed > 0 ? `, ${failed} failed` : ''}`);
process.exit(failed > 0 ? 1 : 0);
