// Reads a message file (or stdin) into the scanner chunk by chunk, so a large body is scanned and
// dropped, never held.

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { MessageScanner, type ScanOptions } from '../message/scan.js';
import type { ParsedMessage } from '../message/types.js';

/** Below this, one read is cheaper than a stream. */
const WHOLE_READ_LIMIT = 1024 * 1024;

export async function scanStream(stream: Readable | AsyncIterable<Uint8Array>, options: ScanOptions): Promise<ParsedMessage> {
  const scanner = new MessageScanner(options);
  for await (const chunk of stream) scanner.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array));
  return scanner.finish();
}

export async function readMessageFile(path: string, options: ScanOptions): Promise<ParsedMessage> {
  const info = await stat(path);
  if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
  if (info.size <= WHOLE_READ_LIMIT) {
    const scanner = new MessageScanner(options);
    scanner.push(await readFile(path));
    return scanner.finish();
  }
  return scanStream(createReadStream(path, { highWaterMark: 256 * 1024 }), options);
}
