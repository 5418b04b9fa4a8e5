// Work, not time: a spy on Buffer#indexOf adds up how far each search may run while `work` runs, so
// a scan-linearity test asserts octets searched per input octet instead of timing anything.

export function searchedOctets(work: () => void): number {
  const indexOf = Buffer.prototype.indexOf;
  let octets = 0;
  Buffer.prototype.indexOf = function countingIndexOf(this: Buffer, value: unknown, byteOffset?: unknown, ...rest: unknown[]) {
    const from = typeof byteOffset === 'number' ? byteOffset : 0;
    const found = (indexOf as (...args: unknown[]) => number).call(this, value, byteOffset, ...rest);
    octets += (found === -1 ? this.length : found + 1) - from;
    return found;
  } as typeof indexOf;
  try {
    work();
  } finally {
    Buffer.prototype.indexOf = indexOf;
  }
  return octets;
}
