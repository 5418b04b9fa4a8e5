/**
 * Maps an async stream through `work` with at most `width` items in flight, yielding results in
 * input order. Files are read and their domains looked up concurrently, yet the report reads in
 * the order the paths were given; the input is pulled lazily, so a huge folder is never listed
 * into memory at once.
 */
export async function* orderedPool<Input, Output>(
  inputs: AsyncIterable<Input>,
  width: number,
  work: (input: Input) => Promise<Output>,
): AsyncGenerator<Output> {
  const pending: Promise<Output>[] = [];
  for await (const input of inputs) {
    pending.push(work(input));
    if (pending.length >= width) yield await pending.shift()!;
  }
  while (pending.length > 0) yield await pending.shift()!;
}
