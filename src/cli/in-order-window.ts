// Runs a command's inputs (domains, IP addresses) concurrently and reports their results in input
// order as they become ready, so a long list streams to its report instead of being held to the end.

/** How far work may run ahead of the first result not yet reported, in windows (a slow input holds the rest). */
const WINDOWS_AHEAD = 8;

/**
 * `work` over `inputs` with at most `width` in flight, each result handed to `report` in input order
 * as soon as it and all before it are in. Work runs at most WINDOWS_AHEAD windows past the first
 * result not yet reported, so an input that waits for its timeouts does not make the rest pile up.
 * (src/engine/ordered-pool.ts, which lint uses, starts nothing new while its oldest is unfinished:
 * right for files read from disk, not for names whose answers may take a timeout.)
 */
export async function inOrderWithinWindow<Input, Output>(
  inputs: readonly Input[],
  width: number,
  work: (input: Input) => Promise<Output>,
  report: (output: Output) => void,
): Promise<void> {
  const ready = new Map<number, Output>();
  let next = 0;
  let reported = 0;
  let waiting: (() => void)[] = [];
  const reportReady = (): void => {
    if (!ready.has(reported)) return;
    while (ready.has(reported)) {
      const output = ready.get(reported)!;
      ready.delete(reported);
      reported += 1;
      report(output);
    }
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      if (next - reported >= WINDOWS_AHEAD * width) {
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      const index = next;
      next += 1;
      try {
        ready.set(index, await work(inputs[index]!));
      } catch (error) {
        // The run fails: no more work is started (on a resolver about to close, say).
        next = inputs.length;
        for (const wake of waiting) wake();
        throw error;
      }
      reportReady();
    }
  };
  const workers: Promise<void>[] = [];
  for (let count = 0; count < Math.min(width, inputs.length); count += 1) workers.push(worker());
  await Promise.all(workers);
}
