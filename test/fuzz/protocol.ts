// What the fuzz runner and its worker thread share: the start message, the progress messages, and
// the layout of the shared memory that holds the input being linted.

export interface WorkerInput {
  seed: number;
  deadline: number;
  skip: string[];
  shared: SharedArrayBuffer;
}

/** The function a property exercises (timings are reported per subject). */
export type FuzzSubject = 'lintMessage' | 'parseAddressList';

export type WorkerMessage =
  | { type: 'start'; property: string }
  | { type: 'round'; property: string; cases: number; bytes: number; ms: number }
  | { type: 'failure'; property: string; seed: number; path: string; reason: string; input: Uint8Array; shrinks: number }
  /** A new slowest input: per KB among large inputs (`per-kb`), or in absolute time among small ones. */
  | { type: 'slowest'; subject: FuzzSubject; kind: 'per-kb' | 'small'; property: string; ms: number; bytes: number; input: Uint8Array }
  | { type: 'done'; properties: number };

/** Layout of the shared buffer: [case counter, input length] then the input's first octets. */
export const SHARED_HEADER_INTS = 2;
export const SHARED_INPUT_BYTES = 4 * 1024 * 1024;
