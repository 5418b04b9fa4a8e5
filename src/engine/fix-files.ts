// File side of --fix and --fix-dry-run: a message is read whole (edits need its octets), repaired
// (fix-message.ts) and, with --fix, written back atomically: a temporary file beside it, then a
// rename, so a crash or a full disk never leaves half a message; the file's mode is kept.

import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { chmod, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { MailScanner, ScannedMail } from '../mime/scan-mail.js';
import type { TargetResult } from '../types.js';
import type { MessageFix } from './fix-message.js';

/** Messages past this are linted but not fixed: a fix holds the whole message (twice) in memory. */
export const MAX_FIX_BYTES = 64 * 1024 * 1024;

export type FixMode = 'write' | 'dry-run';

/** The file as it was read: the write goes ahead only onto that same file, unchanged. */
export interface FileIdentity {
  device: bigint;
  inode: bigint;
  size: bigint;
  modifiedNs: bigint;
  owner: number;
  group: number;
}

function identityOf(info: { dev: bigint; ino: bigint; size: bigint; mtimeNs: bigint; uid: bigint; gid: bigint }): FileIdentity {
  return { device: info.dev, inode: info.ino, size: info.size, modifiedNs: info.mtimeNs, owner: Number(info.uid), group: Number(info.gid) };
}

function sameFile(left: FileIdentity, right: FileIdentity): boolean {
  return left.device === right.device && left.inode === right.inode && left.size === right.size && left.modifiedNs === right.modifiedNs;
}

/** The file's octets, or undefined when it is too large to fix (the caller lints it as usual). */
export function readWholeFile(path: string | Buffer): { bytes: Buffer; mode: number; identity: FileIdentity } | undefined {
  // O_NONBLOCK: a FIFO named *.eml must not wait for a writer; the fstat turns it away.
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(descriptor, { bigint: true });
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    const size = Number(info.size);
    if (size > MAX_FIX_BYTES) return undefined;
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const count = readSync(descriptor, bytes, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    return { bytes: bytes.subarray(0, read), mode: Number(info.mode & 0o7777n), identity: identityOf(info) };
  } finally {
    closeSync(descriptor);
  }
}

/** Standard input whole; past MAX_FIX_BYTES, or binary, only scanned (it is then linted, not fixed). */
export async function readWholeStream(stream: Readable, scanner: MailScanner): Promise<Buffer | ScannedMail> {
  let chunks: Buffer[] | undefined = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    scanner.push(bytes);
    size += bytes.length;
    if (size > MAX_FIX_BYTES) chunks = undefined;
    chunks?.push(bytes);
    // An endless binary stream (/dev/zero) must not be read on.
    if (scanner.isCertainlyBinary) break;
  }
  if (!chunks || scanner.isCertainlyBinary) return scanner.finish();
  return Buffer.concat(chunks);
}

function holdsExactly(path: Buffer, bytes: Uint8Array): boolean {
  const current = readWholeFile(path);
  return current !== undefined && current.bytes.equals(bytes);
}

/**
 * Replaces the file's content by a rename over it; a symbolic link stays a link to the rewritten file.
 * With `expected` (the file as read), a path that now leads elsewhere (a file swapped for a link out
 * of the folder walked) or to a file changed since is not written: the fix would land on the wrong
 * file, or undo someone's edit.
 */
export async function writeAtomically(path: string | Buffer, bytes: Uint8Array, mode: number, expected?: FileIdentity): Promise<void> {
  // In bytes: a name from a folder walk need not be UTF-8, and decoding it would name another file.
  const target = await realpath(path, { encoding: 'buffer' });
  const nameStart = target.lastIndexOf(sep) + 1;
  const temporary = Buffer.concat([target.subarray(0, nameStart), Buffer.from('.'), target.subarray(nameStart), Buffer.from(`.maillint-${randomBytes(6).toString('hex')}.tmp`)]);
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(bytes);
      // Root's new file would be root's: the user who owns the message could no longer edit it.
      if (expected && process.getuid?.() === 0) await handle.chown(expected.owner, expected.group);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open's mode passes through the umask (and chown clears set-user-ID); the rewritten file keeps the original's.
    await chmod(temporary, mode);
    // Looked at last, so the window before the rename is as short as it can be made.
    if (expected && !sameFile(identityOf(await stat(target, { bigint: true })), expected)) {
      // The same file named twice (or through a link) is fixed twice at once: the other fix already wrote it.
      if (holdsExactly(target, bytes)) {
        await rm(temporary, { force: true });
        return;
      }
      throw Object.assign(new Error('the file changed while it was being fixed; not written (run --fix again)'), { code: 'ECHANGED' });
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The result of a repaired message as reported: what remains, and for a dry run the repaired text. */
export function fixResult(base: Omit<TargetResult, 'findings'>, fix: MessageFix, mode: FixMode): TargetResult {
  const result: TargetResult = { ...base, findings: fix.remaining, fixed: fix.fixed };
  if (mode === 'dry-run' && fix.changed) {
    if (isUtf8(fix.output)) result.output = fix.output.toString('utf8');
    else result.outputBase64 = fix.output.toString('base64');
  }
  return result;
}
