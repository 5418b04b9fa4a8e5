// The fuzzing loop, run in a worker thread so the parent can stop it when one input hangs. Before
// each case the input is copied into shared memory: if the loop never comes back, the parent still
// knows which input it was.

import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { lintMessage } from '../../src/engine/lint-message.js';
import { PROPERTY_NOW, allMessageChecksOn, invariantViolation } from '../property/lint-invariants.js';
import { arbitraryBytes, generatedHeaderSection, mutatedSeed, scaledInput, seedMessages } from '../property/message-arbitraries.js';

import { SHARED_HEADER_INTS, SHARED_INPUT_BYTES, type WorkerInput, type WorkerMessage } from './protocol.js';

const { seed, deadline, skip, shared } = workerData as WorkerInput;
const header = new Int32Array(shared, 0, SHARED_HEADER_INTS);
const sharedInput = new Uint8Array(shared, SHARED_HEADER_INTS * 4);
const post = (message: WorkerMessage): void => parentPort!.postMessage(message);

const rules = allMessageChecksOn();
const properties: { name: string; arbitrary: fc.Arbitrary<Uint8Array>; runs: number }[] = [
  { name: 'arbitrary-bytes', arbitrary: arbitraryBytes, runs: 400 },
  { name: 'mutated-messages', arbitrary: mutatedSeed(seedMessages()), runs: 400 },
  { name: 'generated-headers', arbitrary: generatedHeaderSection, runs: 400 },
  { name: 'scaled-inputs', arbitrary: scaledInput, runs: 20 },
];

let totalCases = 0;
let totalBytes = 0;
let totalMs = 0;
/** Worst time per KB among inputs of at least this size (smaller ones measure fixed cost, not scaling). */
const SCALING_MIN_BYTES = 16 * 1024;
let worstMsPerKb = 0;
let worstSmallMs = 0;

async function lintTimed(input: Uint8Array): Promise<{ ms: number; problem: string | undefined }> {
  const started = performance.now();
  const result = await lintMessage(input, { now: PROPERTY_NOW, rules });
  const ms = performance.now() - started;
  return { ms, problem: invariantViolation(input, result) };
}

async function runCase(property: string, input: Uint8Array): Promise<void> {
  header[1] = input.length;
  sharedInput.set(input.subarray(0, SHARED_INPUT_BYTES));
  Atomics.add(header, 0, 1);
  const { ms, problem } = await lintTimed(input);
  totalCases += 1;
  totalBytes += input.length;
  totalMs += ms;
  if (problem) throw new Error(problem);
  const large = input.length >= SCALING_MIN_BYTES;
  const score = (time: number): number => (large ? time / (input.length / 1024) : time);
  if (score(ms) > (large ? worstMsPerKb : worstSmallMs)) {
    // A garbage collection can land on any case: time a new worst again and keep the fastest.
    let best = ms;
    for (let repeat = 0; repeat < 3; repeat += 1) best = Math.min(best, (await lintTimed(input)).ms);
    if (large && score(best) > worstMsPerKb) {
      worstMsPerKb = score(best);
      post({ type: 'slowest', kind: 'per-kb', property, ms: best, bytes: input.length, input });
    } else if (!large && best > worstSmallMs) {
      worstSmallMs = best;
      post({ type: 'slowest', kind: 'small', property, ms: best, bytes: input.length, input });
    }
  }
}

const failed = new Set(skip);
for (let round = 0; Date.now() < deadline && failed.size < properties.length; round += 1) {
  for (const { name, arbitrary, runs } of properties) {
    if (failed.has(name) || Date.now() >= deadline) continue;
    const roundSeed = (seed + round * 7919) | 0;
    const before = { cases: totalCases, bytes: totalBytes, ms: totalMs };
    post({ type: 'start', property: name });
    const details = await fc.check(
      fc.asyncProperty(arbitrary, (input) => runCase(name, input)),
      { seed: roundSeed, numRuns: runs },
    );
    if (details.failed) {
      failed.add(name);
      const input = details.counterexample?.[0] ?? new Uint8Array();
      const reason = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance);
      post({ type: 'failure', property: name, seed: roundSeed, path: details.counterexamplePath ?? '', reason, input, shrinks: details.numShrinks });
    }
    post({ type: 'round', property: name, cases: totalCases - before.cases, bytes: totalBytes - before.bytes, ms: totalMs - before.ms });
  }
}
post({ type: 'done' });
