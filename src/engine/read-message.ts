// Reads a message file (or stdin) into the scanner chunk by chunk, so a large body is scanned and
// dropped, never held.

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { MessageScanner, type ScanOptions } from '../message/scan.js';
import type { ParsedMessage } from '../message/types.js';

/** Below this, one read is cheaper than a stream. */
const WHOLE_READ_LIMIT = 1024 * 1024;
const STREAM_CHUNK_BYTES = 256 * 1024;

export async function scanStream(stream: Readable | AsyncIterable<Uint8Array>, options: ScanOptions): Promise<ParsedMessage> {
  const scanner = new MessageScanner(options);
  for await (const chunk of stream) scanner.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array));
  return scanner.finish();
}

export async function readMessageFile(path: string, options: ScanOptions): Promise<ParsedMessage> {
  // O_NONBLOCK: opening a FIFO named *.eml must not wait for a writer; the fstat below turns it away.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    if (info.size <= WHOLE_READ_LIMIT) {
      const buffer = Buffer.allocUnsafe(info.size);
      const { bytesRead } = await handle.read(buffer, 0, info.size, 0);
      const scanner = new MessageScanner(options);
      scanner.push(buffer.subarray(0, bytesRead));
      return scanner.finish();
    }
    return await scanStream(handle.createReadStream({ highWaterMark: STREAM_CHUNK_BYTES, autoClose: false, start: 0 }), options);
  } finally {
    await handle.close();
  }
}
