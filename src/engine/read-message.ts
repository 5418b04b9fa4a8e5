// Reads a message file (or stdin), or an mbox file's messages, into the scanners chunk by chunk,
// so a large body is scanned and dropped, never held.

import { closeSync, constants, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ScanOptions } from '../message/scan.js';
import { MboxSplitter } from '../input/mbox.js';
import { MailScanner, type ScannedMail } from '../mime/scan-mail.js';

/** Below this, one read is cheaper than a stream. */
const WHOLE_READ_LIMIT = 1024 * 1024;
const STREAM_CHUNK_BYTES = 256 * 1024;

export async function scanStream(stream: Readable | AsyncIterable<Uint8Array>, options: ScanOptions): Promise<ScannedMail> {
  const scanner = new MailScanner(options);
  for await (const chunk of stream) {
    scanner.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array));
    // Binary can be certain after the first kilobyte; an endless stream must not be read on
    // (leaving the loop destroys the stream).
    if (scanner.isCertainlyBinary) break;
  }
  return scanner.finish();
}

/** `path` is a Buffer for names from a folder walk: they are bytes, not necessarily UTF-8. */
export async function readMessageFile(path: string | Buffer, options: ScanOptions): Promise<ScannedMail> {
  // O_NONBLOCK: opening a FIFO named *.eml must not wait for a writer; the fstat below turns it away.
  // A message file is small: read synchronously, it costs four system calls and no trips through
  // libuv's thread pool (which took longer than the reading itself in a 10,000-file run).
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  let closeHere = true;
  try {
    const info = fstatSync(descriptor);
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    if (info.size > WHOLE_READ_LIMIT) {
      closeHere = false;
      // Large files stream (the body is scanned, never held); the stream closes the descriptor.
      return await scanStream(createReadStream('', { fd: descriptor, highWaterMark: STREAM_CHUNK_BYTES, start: 0 }), options);
    }
    const buffer = Buffer.allocUnsafe(info.size);
    const bytesRead = info.size === 0 ? 0 : readSync(descriptor, buffer, 0, info.size, 0);
    const scanner = new MailScanner(options);
    scanner.push(buffer.subarray(0, bytesRead));
    return scanner.finish();
  } finally {
    if (closeHere) closeSync(descriptor);
  }
}

/** The first octets of a regular file (none for anything else: reading that is readMessageFile's business). */
export function readFileHead(path: string | Buffer, length: number): Buffer {
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return Buffer.alloc(0);
  }
  try {
    if (!fstatSync(descriptor).isFile()) return Buffer.alloc(0);
    const head = Buffer.alloc(length);
    return head.subarray(0, readSync(descriptor, head, 0, length, 0));
  } finally {
    closeSync(descriptor);
  }
}

export interface MailboxMessage {
  /** 1-based position of the message in the mailbox. */
  index: number;
  /** File line of its "From " separator (0 when the file did not start with one); its line 1 is the next. */
  separatorLine: number;
  separator: string | undefined;
  mail: ScannedMail;
}

/** An mbox file's messages, each scanned as it streams by; a message is yielded once it is complete. */
export async function* scanMailbox(path: string | Buffer, options: ScanOptions): AsyncGenerator<MailboxMessage> {
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  if (!fstatSync(descriptor).isFile()) {
    closeSync(descriptor);
    throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
  }
  const complete: MailboxMessage[] = [];
  let current: { index: number; separatorLine: number; separator: string | undefined; scanner: MailScanner } | undefined;
  const splitter = new MboxSplitter({
    start(index, separatorLine, separator) {
      current = { index, separatorLine, separator, scanner: new MailScanner(options) };
    },
    bytes(chunk) {
      current?.scanner.push(chunk);
    },
    end() {
      if (!current) return;
      complete.push({ index: current.index, separatorLine: current.separatorLine, separator: current.separator, mail: current.scanner.finish() });
      current = undefined;
    },
  });
  for await (const chunk of createReadStream('', { fd: descriptor, highWaterMark: STREAM_CHUNK_BYTES, start: 0 })) {
    splitter.push(chunk as Buffer);
    yield* complete.splice(0);
  }
  splitter.finish();
  yield* complete.splice(0);
}
