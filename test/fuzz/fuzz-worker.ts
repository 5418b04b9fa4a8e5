// The fuzzing loop, run in a worker thread so the parent can stop it when one input hangs. Before
// each case the input is copied into shared memory: if the loop never comes back, the parent still
// knows which input it was.

import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { lintMessage } from '../../src/engine/api.js';
import { addressInvariantViolation } from '../property/address-invariants.js';
import { PROPERTY_NOW, allMessageChecksOn, invariantViolation } from '../property/lint-invariants.js';
import { addressInput, arbitraryBytes, generatedHeaderSection, mutatedSeed, scaledInput, seedMessages } from '../property/message-arbitraries.js';
import { SHARED_HEADER_INTS, SHARED_INPUT_BYTES, type FuzzSubject, type WorkerInput, type WorkerMessage } from './protocol.js';

const { seed, deadline, skip, shared } = workerData as WorkerInput;
const header = new Int32Array(shared, 0, SHARED_HEADER_INTS);
const sharedInput = new Uint8Array(shared, SHARED_HEADER_INTS * 4);
const post = (message: WorkerMessage): void => parentPort!.postMessage(message);

const rules = allMessageChecksOn();
const encoder = new TextEncoder();

/** Runs the code under test on one input and returns what is wrong, or undefined. */
type Check = (input: Uint8Array) => Promise<string | undefined> | string | undefined;

const lintCheck: Check = async (input) => invariantViolation(input, await lintMessage(input, { now: PROPERTY_NOW, rules }));
// Address inputs travel as UTF-8 octets like the rest, so the shared memory and saved files work the same.
const addressCheck: Check = (input) => addressInvariantViolation(Buffer.from(input).toString('utf8'));

const properties: { name: string; subject: FuzzSubject; arbitrary: fc.Arbitrary<Uint8Array>; runs: number; check: Check }[] = [
  { name: 'arbitrary-bytes', subject: 'lintMessage', arbitrary: arbitraryBytes, runs: 400, check: lintCheck },
  { name: 'mutated-messages', subject: 'lintMessage', arbitrary: mutatedSeed(seedMessages()), runs: 400, check: lintCheck },
  { name: 'generated-headers', subject: 'lintMessage', arbitrary: generatedHeaderSection, runs: 400, check: lintCheck },
  { name: 'scaled-inputs', subject: 'lintMessage', arbitrary: scaledInput, runs: 20, check: lintCheck },
  { name: 'addresses', subject: 'parseAddressList', arbitrary: addressInput.map((text) => encoder.encode(text)), runs: 400, check: addressCheck },
];

/** Worst time per KB among inputs of at least this size (smaller ones measure fixed cost, not scaling). */
const SCALING_MIN_BYTES = 16 * 1024;
const worst = new Map<string, number>();
let totalCases = 0;
let totalBytes = 0;
let totalMs = 0;

async function timed(check: Check, input: Uint8Array): Promise<{ ms: number; problem: string | undefined }> {
  const started = performance.now();
  const problem = await check(input);
  return { ms: performance.now() - started, problem };
}

async function runCase(property: (typeof properties)[number], input: Uint8Array): Promise<void> {
  header[1] = input.length;
  sharedInput.set(input.subarray(0, SHARED_INPUT_BYTES));
  Atomics.add(header, 0, 1);
  const { ms, problem } = await timed(property.check, input);
  totalCases += 1;
  totalBytes += input.length;
  totalMs += ms;
  if (problem) throw new Error(problem);

  const kind = input.length >= SCALING_MIN_BYTES ? 'per-kb' : 'small';
  const score = (time: number): number => (kind === 'per-kb' ? time / (input.length / 1024) : time);
  const key = `${property.subject} ${kind}`;
  if (score(ms) > (worst.get(key) ?? 0)) {
    // A garbage collection can land on any case: time a new worst again and keep the fastest.
    let best = ms;
    for (let repeat = 0; repeat < 3; repeat += 1) best = Math.min(best, (await timed(property.check, input)).ms);
    if (score(best) > (worst.get(key) ?? 0)) {
      worst.set(key, score(best));
      post({ type: 'slowest', subject: property.subject, kind, property: property.name, ms: best, bytes: input.length, input });
    }
  }
}

const failed = new Set(skip);
for (let round = 0; Date.now() < deadline && failed.size < properties.length; round += 1) {
  for (const property of properties) {
    if (failed.has(property.name) || Date.now() >= deadline) continue;
    const roundSeed = (seed + round * 7919) | 0;
    const before = { cases: totalCases, bytes: totalBytes, ms: totalMs };
    post({ type: 'start', property: property.name });
    const details = await fc.check(
      fc.asyncProperty(property.arbitrary, (input) => runCase(property, input)),
      { seed: roundSeed, numRuns: property.runs },
    );
    if (details.failed) {
      failed.add(property.name);
      const input = details.counterexample?.[0] ?? new Uint8Array();
      const reason = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance);
      post({ type: 'failure', property: property.name, seed: roundSeed, path: details.counterexamplePath ?? '', reason, input, shrinks: details.numShrinks });
    }
    post({ type: 'round', property: property.name, cases: totalCases - before.cases, bytes: totalBytes - before.bytes, ms: totalMs - before.ms });
  }
}
post({ type: 'done', properties: properties.length });
