// Reads the side files a run is pointed at (config, zone and list files), which a repository or a
// typo can point anywhere: /dev/zero, a FIFO, /proc/self/environ, a 10 GB log. Only regular files
// are read, never more than a cap, and a failure names the file and why without quoting its text.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';

export class InputFileError extends Error {
  override name = 'InputFileError';
  constructor(
    readonly path: string,
    /** Why, in words fit for a user: "no such file", "not a regular file", "larger than 16 MB". */
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

export interface ReadTextOptions {
  /** Refuse the file past this many octets (it is never read further). */
  maxBytes: number;
}

const READ_BLOCK_BYTES = 64 * 1024;

function describeOpenError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return code ?? 'cannot read it';
}

export function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * The file's text (UTF-8). Throws InputFileError for anything but a regular file no larger than
 * `maxBytes`. Reads until end of file rather than trusting st_size: /proc files report size 0.
 */
export function readTextFile(path: string | Buffer, options: ReadTextOptions): string {
  const shownPath = typeof path === 'string' ? path : path.toString();
  let descriptor: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below turns it away.
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new InputFileError(shownPath, describeOpenError(error));
  }
  try {
    const info = fstatSync(descriptor);
    if (info.isDirectory()) throw new InputFileError(shownPath, 'is a folder');
    if (!info.isFile()) throw new InputFileError(shownPath, 'not a regular file');
    if (info.size > options.maxBytes) throw new InputFileError(shownPath, `larger than ${describeSize(options.maxBytes)}`);
    const blocks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const block = Buffer.allocUnsafe(READ_BLOCK_BYTES);
      let bytesRead: number;
      try {
        bytesRead = readSync(descriptor, block, 0, block.length, null);
      } catch (error) {
        throw new InputFileError(shownPath, describeOpenError(error));
      }
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > options.maxBytes) throw new InputFileError(shownPath, `larger than ${describeSize(options.maxBytes)}`);
      blocks.push(block.subarray(0, bytesRead));
    }
    return Buffer.concat(blocks, total).toString('utf8');
  } finally {
    closeSync(descriptor);
  }
}

/** A stream's text (stdin for `--file -`), refused past `maxBytes` without reading further. */
export async function readTextStream(stream: Readable | AsyncIterable<Uint8Array | string>, name: string, options: ReadTextOptions): Promise<string> {
  const blocks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const block = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    total += block.length;
    if (total > options.maxBytes) {
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
      throw new InputFileError(name, `larger than ${describeSize(options.maxBytes)}`);
    }
    blocks.push(block);
  }
  return Buffer.concat(blocks, total).toString('utf8');
}
