// Runs at most `max` tasks at once; the rest wait in arrival order. Bursts of DNS queries beyond
// ~50 in flight overflow UDP receive buffers and turn into timeouts.
//
// A domain run queues thousands of questions at once: the queue is read from a moving head rather
// than shifted (shifting a long array was 10 ms of the 1,000-domain profile), and a task that
// starts at once costs no extra promise.

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(max: number): Limiter {
  const limit = Math.max(1, Math.floor(max));
  let running = 0;
  let waiting: (() => void)[] = [];
  let head = 0;
  const release = () => {
    running -= 1;
    if (head === waiting.length) return;
    const next = waiting[head]!;
    head += 1;
    if (head === waiting.length) {
      waiting.length = 0;
      head = 0;
    } else if (head >= 1024 && head * 2 >= waiting.length) {
      waiting = waiting.slice(head); // let go of the tasks already started
      head = 0;
    }
    running += 1;
    next();
  };
  const run = <T>(task: () => Promise<T>): Promise<T> => {
    let started: Promise<T>;
    try {
      started = task();
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(release, release);
    return started;
  };
  return <T>(task: () => Promise<T>): Promise<T> => {
    if (running < limit) {
      running += 1;
      return run(task);
    }
    return new Promise<T>((resolve, reject) => waiting.push(() => run(task).then(resolve, reject)));
  };
}
