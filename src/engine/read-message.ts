// Reads a message file (or stdin), or an mbox file's messages, into the scanners chunk by chunk,
// so a large body is scanned and dropped, never held.

import { closeSync, constants, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ScanOptions } from '../message/scan.js';
import { MboxSplitter, startsWithSeparator } from '../input/mbox.js';
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

/** What a mailbox's messages are read into, one per message: the scanners (lint), the bytes (bounce). */
export interface MessageReader<Read> {
  push(chunk: Buffer): void;
  finish(): Read;
}

export interface MailboxEntry<Read> {
  /** 1-based position of the message in the mailbox. */
  index: number;
  /** File line of its "From " separator (0 when the file did not start with one); its line 1 is the next. */
  separatorLine: number;
  separator: string | undefined;
  read: Read;
}

export interface MailboxMessage extends Omit<MailboxEntry<ScannedMail>, 'read'> {
  mail: ScannedMail;
}

/** A file's octets as they stream from disk (a mailbox, a bounce); refused (ENOTFILE) unless it is a regular file. */
export async function* regularFileChunks(path: string | Buffer): AsyncGenerator<Buffer> {
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  if (!fstatSync(descriptor).isFile()) {
    closeSync(descriptor);
    throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
  }
  yield* createReadStream('', { fd: descriptor, highWaterMark: STREAM_CHUNK_BYTES, start: 0 }) as AsyncIterable<Buffer>;
}

/** A mailbox's messages (RFC 4155, split by MboxSplitter), each read by its own `open()` as it streams by; yielded once complete. */
export async function* splitMailbox<Read>(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, open: () => MessageReader<Read>): AsyncGenerator<MailboxEntry<Read>> {
  const complete: MailboxEntry<Read>[] = [];
  let current: { index: number; separatorLine: number; separator: string | undefined; reader: MessageReader<Read> } | undefined;
  const splitter = new MboxSplitter({
    start(index, separatorLine, separator) {
      current = { index, separatorLine, separator, reader: open() };
    },
    bytes(chunk) {
      current?.reader.push(chunk);
    },
    end() {
      if (!current) return;
      complete.push({ index: current.index, separatorLine: current.separatorLine, separator: current.separator, read: current.reader.finish() });
      current = undefined;
    },
  });
  for await (const chunk of chunks) {
    splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    yield* complete.splice(0);
  }
  splitter.finish();
  yield* complete.splice(0);
}

/** An mbox file's messages, each scanned as it streams by; a message is yielded once it is complete. */
export async function* scanMailbox(path: string | Buffer, options: ScanOptions): AsyncGenerator<MailboxMessage> {
  for await (const { read, ...message } of splitMailbox(regularFileChunks(path), () => new MailScanner(options))) yield { ...message, mail: read };
}

/** A file is read as a mailbox when a walk found it as *.mbox, or the user named it and it starts with "From ". */
export function isMailboxEntry(entry: { absolutePath: string | Buffer; mbox?: boolean; named?: boolean }): boolean {
  return entry.mbox === true || (entry.named === true && entry.absolutePath !== '-' && startsWithSeparator(readFileHead(entry.absolutePath, 5)));
}
