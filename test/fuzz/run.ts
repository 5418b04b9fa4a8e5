// `npm run fuzz [-- --seconds N] [-- --seed S]`: the property tests' invariants (lintMessage never
// throws, no check crashes, findings point inside the input; parseAddressList never throws and
// points inside its text) with random seeds for a set time
// (FUZZ_SECONDS or --seconds, default 60), plus large repeated inputs to measure time per KB.
// Prints the seed, the cases run, the worst time per KB, and every failure; a failing input (shrunk
// by fast-check) or one that hangs (no progress for FUZZ_HANG_SECONDS, default 10) is saved in
// test/fuzz/.work/ as .bin (raw octets) and .txt (reason, seed, escaped text). Exit 1 on any failure.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describeInput } from '../property/lint-invariants.js';
import { SHARED_HEADER_INTS, SHARED_INPUT_BYTES, type WorkerInput, type WorkerMessage } from './protocol.js';

const WORK = fileURLToPath(new URL('./.work/', import.meta.url));
const WORKER_URL = new URL('./fuzz-worker.ts', import.meta.url).href;
const TSX_API = import.meta.resolve('tsx/esm/api');

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index !== -1) return process.argv[index + 1];
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

const seconds = Number(option('seconds') ?? process.env.FUZZ_SECONDS ?? 60);
const hangSeconds = Number(process.env.FUZZ_HANG_SECONDS ?? 10);
const baseSeed = Number(option('seed') ?? process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(baseSeed)) {
  console.error('usage: npm run fuzz [-- --seconds N] [-- --seed S]   (or FUZZ_SECONDS, FUZZ_SEED)');
  process.exit(2);
}

interface Failure {
  property: string;
  kind: 'failure' | 'hang';
  detail: string;
  file: string;
}

const failures: Failure[] = [];
let cases = 0;
let lintedBytes = 0;
let lintedMs = 0;
type Slowest = Extract<WorkerMessage, { type: 'slowest' }>;
/** The slowest input per subject and kind ("lintMessage per-kb"), for the closing report. */
const slowest = new Map<string, Slowest>();
let propertyCount = Number.POSITIVE_INFINITY;
const casesByProperty = new Map<string, number>();

const SHOWN_OCTETS = 64 * 1024;

function save(name: string, input: Uint8Array, text: string): string {
  mkdirSync(WORK, { recursive: true });
  const base = join(WORK, name);
  writeFileSync(`${base}.bin`, input);
  const shown = input.subarray(0, SHOWN_OCTETS);
  const extent = input.length > SHOWN_OCTETS ? `first ${SHOWN_OCTETS} of ${input.length} octets; the .bin holds all` : `${input.length} octets`;
  writeFileSync(`${base}.txt`, `${text}\ninput (${extent}): ${describeInput(shown)}\n`);
  return `${base}.bin`;
}

/** Runs one worker until the deadline, a hang, or its end; resolves with the properties to skip next time. */
function runWorker(seed: number, deadline: number, skip: string[]): Promise<string[]> {
  const shared = new SharedArrayBuffer(SHARED_HEADER_INTS * 4 + SHARED_INPUT_BYTES);
  const header = new Int32Array(shared, 0, SHARED_HEADER_INTS);
  const data: WorkerInput = { seed, deadline, skip, shared };
  // Node 20 loads a worker's entry file before --import hooks run, so the worker starts from a
  // line of JavaScript that registers tsx and then imports the TypeScript worker.
  const bootstrap = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: data });
  let currentProperty = 'unknown';
  let casesReported = 0;
  let hung = false;
  const nextSkip = [...skip];
  return new Promise((resolve) => {
    let lastCounter = -1;
    let lastProgress = Date.now();
    const watchdog = setInterval(() => {
      const counter = Atomics.load(header, 0);
      if (counter !== lastCounter) {
        lastCounter = counter;
        lastProgress = Date.now();
        return;
      }
      if (Date.now() - lastProgress < hangSeconds * 1000) return;
      const fullLength = header[1]!;
      const input = new Uint8Array(shared, SHARED_HEADER_INTS * 4, Math.min(fullLength, SHARED_INPUT_BYTES)).slice();
      const kept = fullLength > SHARED_INPUT_BYTES ? ` The input was ${fullLength} octets; only its first ${SHARED_INPUT_BYTES} are saved.` : '';
      const file = save(`hang-${seed}-${counter}`, input, `no answer for ${hangSeconds} s (property ${currentProperty}, seed ${seed}).${kept}`);
      failures.push({ property: currentProperty, kind: 'hang', detail: `lintMessage did not return within ${hangSeconds} s`, file });
      hung = true;
      nextSkip.push(currentProperty);
      console.log(`HANG in ${currentProperty}: input saved to ${file}`);
      clearInterval(watchdog);
      void worker.terminate();
    }, 250);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'start') {
        currentProperty = message.property;
      } else if (message.type === 'round') {
        casesByProperty.set(message.property, (casesByProperty.get(message.property) ?? 0) + message.cases);
        cases += message.cases;
        casesReported += message.cases;
        lintedBytes += message.bytes;
        lintedMs += message.ms;
      } else if (message.type === 'slowest') {
        slowest.set(`${message.subject} ${message.kind}`, message);
      } else if (message.type === 'failure') {
        nextSkip.push(message.property);
        const file = save(`failure-${message.property}-${message.seed}`, message.input, `${message.reason}\nproperty ${message.property}, seed ${message.seed}, path "${message.path}", ${message.shrinks} shrinks`);
        failures.push({ property: message.property, kind: 'failure', detail: message.reason.split('\n')[0]!, file });
        console.log(`FAILURE in ${message.property} (seed ${message.seed}, path "${message.path}"): ${message.reason.split('\n')[0]}\n  saved to ${file}`);
      } else if (message.type === 'done') {
        propertyCount = message.properties;
      }
    });
    worker.on('error', (error) => {
      failures.push({ property: currentProperty, kind: 'failure', detail: `worker crashed: ${error.stack ?? error.message}`, file: '-' });
      console.log(`worker crashed: ${error.stack ?? error.message}`);
    });
    worker.on('exit', () => {
      clearInterval(watchdog);
      // The round a worker hung in was never reported; count its cases from the shared counter.
      if (hung) cases += Atomics.load(header, 0) - casesReported;
      resolve(nextSkip);
    });
  });
}

console.log(`fuzzing lintMessage and parseAddressList for ${seconds} s, seed ${baseSeed} (replay with: npm run fuzz -- --seed ${baseSeed} --seconds ${seconds})`);
const started = Date.now();
const deadline = started + seconds * 1000;
let skip: string[] = [];
for (let attempt = 0; Date.now() < deadline - 500; attempt += 1) {
  // After a hang the worker is gone; start a fresh one with a new seed for the time left.
  skip = await runWorker(baseSeed + attempt * 104_729, deadline, skip);
  // Only a hang ends a worker early; the property that hung is skipped from then on.
  if (skip.length >= propertyCount || failures.at(-1)?.detail.startsWith('worker crashed')) break;
}

console.log(`\ncases run: ${cases} in ${((Date.now() - started) / 1000).toFixed(0)} s (${[...casesByProperty].map(([name, count]) => `${name} ${count}`).join(', ')})`);
console.log(`fed ${(lintedBytes / 1024 / 1024).toFixed(1)} MB of input in ${(lintedMs / 1000).toFixed(1)} s spent in the code under test (${(lintedBytes / 1024 / Math.max(lintedMs, 1)).toFixed(0)} KB per ms overall)`);
for (const [key, entry] of [...slowest].sort()) {
  const name = `slowest-${key.replace(' ', '-')}`;
  const unit = entry.subject === 'parseAddressList' ? 'characters (UTF-8 octets)' : 'octets';
  if (entry.kind === 'per-kb') {
    console.log(
      `${entry.subject}: worst time per size (inputs of 16 KB or more): ${(entry.ms / (entry.bytes / 1024)).toFixed(3)} ms per KB (${entry.ms.toFixed(1)} ms for ${entry.bytes} ${unit}, property ${entry.property}; saved as ${name})`,
    );
  } else {
    console.log(`${entry.subject}: slowest input under 16 KB: ${entry.ms.toFixed(1)} ms for ${entry.bytes} ${unit} (property ${entry.property}; saved as ${name})`);
  }
  save(name, entry.input, `${key}: ${entry.ms.toFixed(1)} ms for ${entry.bytes} octets (property ${entry.property}, seed ${baseSeed})`);
}
if (failures.length === 0) {
  console.log('failures: none');
  process.exit(0);
}
console.log(`failures: ${failures.length}`);
for (const failure of failures) console.log(`  ${failure.kind} in ${failure.property}: ${failure.detail}\n    input: ${failure.file}`);
process.exit(1);
