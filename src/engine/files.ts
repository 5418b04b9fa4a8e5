// Expands the paths given on the command line into message files, streaming folder contents
// (a folder of 100,000 files is never listed into memory at once) and reporting per path what
// cannot be read. Folder symlink loops are cut by remembering real paths. Paths are shown as the
// user wrote them and opened relative to `cwd`.
//
// A walk stays inside the folder it was given: a symbolic link whose target (real path) lies
// outside is not followed but reported as skipped, so `repo/innocent.eml -> ~/.aws/credentials`
// never puts the credentials in a report. A file named on the command line is read wherever it
// points: that is the user's choice.
//
// Names found in folders are bytes on Linux, not necessarily UTF-8: they are kept as Buffers and
// opened by their bytes, and shown with the bytes that are not UTF-8 escaped (`bad\xff.eml`).

import { isUtf8 } from 'node:buffer';
import { statSync, type Dir } from 'node:fs';
import { opendir, realpath, stat } from '../input/file-system.js';
import { basename, dirname, join, resolve, sep } from 'node:path';

export type FileEntry =
  /**
   * A file to lint: `mbox` when it is a mailbox (*.mbox) whose messages are linted one by one;
   * `named` when the user named it, so a first line "From " makes it a mailbox too.
   */
  | { path: string; absolutePath: string | Buffer; mbox?: boolean; named?: boolean }
  | { path: string; error: string }
  /** Not read on purpose (a link out of the folder walked); `skipped` says why. */
  | { path: string; skipped: string };

export const MESSAGE_FILE_EXTENSIONS = ['.eml'];
export const MAILBOX_FILE_EXTENSIONS = ['.mbox'];
/** Maildir's message folders (tmp/ holds messages still being written, so it is not read). */
const MAILDIR_MESSAGE_FOLDERS = new Set(['cur', 'new']);
const MAILDIR_FOLDERS = ['cur', 'new', 'tmp'];

/** Folders up to this many entries are reported in sorted order; larger ones stream as listed. */
const SORTED_FOLDER_LIMIT = 10_000;

const SEPARATOR = Buffer.from(sep);

/** The folder a walk was given: shown as the user wrote it, bounded by its real path. */
interface WalkRoot {
  shown: string;
  real: Buffer;
  /** Extensions of message files (.eml and those given with --ext), lower-case with the dot. */
  extensions: readonly string[];
}

interface FolderEntry {
  name: Buffer;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  isFile: boolean;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symbolic link loop';
  return error instanceof Error ? error.message : String(error);
}

function hasExtension(name: Buffer, extensions: readonly string[]): boolean {
  return extensions.some((extension) => name.length > extension.length && name.toString('latin1', name.length - extension.length).toLowerCase() === extension);
}

/** A folder cur/ or new/ beside another Maildir folder: every file in it is a message, whatever its name. */
async function isMaildirMessageFolder(absoluteFolder: Buffer): Promise<boolean> {
  const name = basename(absoluteFolder.toString('latin1'));
  if (!MAILDIR_MESSAGE_FOLDERS.has(name)) return false;
  const parent = dirname(absoluteFolder.toString('latin1'));
  for (const sibling of MAILDIR_FOLDERS.filter((folder) => folder !== name)) {
    try {
      if ((await stat(Buffer.from(join(parent, sibling), 'latin1'))).isDirectory()) return true;
    } catch {
      // not there: look at the next
    }
  }
  return false;
}

/** Octets in the UTF-8 sequence starting at `index`, or 0 when no valid one starts there. */
function utf8SequenceLength(bytes: Buffer, index: number): number {
  const lead = bytes[index]!;
  const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  return length > 0 && index + length <= bytes.length && isUtf8(bytes.subarray(index, index + length)) ? length : 0;
}

/** A file name for reports: UTF-8 as it is, any other byte as `\xNN` (decoding would lose it). */
export function showFileName(name: Buffer): string {
  if (isUtf8(name)) return name.toString('utf8');
  let shown = '';
  let runStart = 0;
  let index = 0;
  while (index < name.length) {
    const length = utf8SequenceLength(name, index);
    if (length > 0) {
      index += length;
      continue;
    }
    shown += `${name.toString('utf8', runStart, index)}\\x${name[index]!.toString(16).padStart(2, '0')}`;
    index += 1;
    runStart = index;
  }
  return shown + name.toString('utf8', runStart);
}

function childPath(folder: Buffer, name: Buffer): Buffer {
  return folder.at(-1) === SEPARATOR[0] ? Buffer.concat([folder, name]) : Buffer.concat([folder, SEPARATOR, name]);
}

function isInside(target: Buffer, root: Buffer): boolean {
  if (target.equals(root)) return true;
  const prefix = root.at(-1) === SEPARATOR[0] ? root : Buffer.concat([root, SEPARATOR]);
  return target.length > prefix.length && target.subarray(0, prefix.length).equals(prefix);
}

/** Entry names of a folder: sorted when the folder is small, as listed once it is not. */
async function* folderEntries(handle: Dir): AsyncGenerator<FolderEntry> {
  const buffered: FolderEntry[] = [];
  let streaming = false;
  for await (const entry of handle) {
    // Opened with encoding 'buffer', so names are Buffers (@types/node types them as strings).
    const item = { name: entry.name as unknown as Buffer, isDirectory: entry.isDirectory(), isSymbolicLink: entry.isSymbolicLink(), isFile: entry.isFile() };
    if (streaming) {
      yield item;
      continue;
    }
    buffered.push(item);
    if (buffered.length >= SORTED_FOLDER_LIMIT) {
      streaming = true;
      yield* buffered.splice(0);
    }
  }
  buffered.sort((left, right) => Buffer.compare(left.name, right.name));
  yield* buffered;
}

type LinkTarget = { real: Buffer; isDirectory: boolean } | { error: string };

async function resolveLink(absolutePath: Buffer): Promise<LinkTarget> {
  try {
    const real = await realpath(absolutePath, { encoding: 'buffer' });
    return { real, isDirectory: (await stat(real)).isDirectory() };
  } catch (error) {
    return { error: describe(error) };
  }
}

async function* walkFolder(folder: string, absoluteFolder: Buffer, root: WalkRoot, seen: Set<string>): AsyncGenerator<FileEntry> {
  let real: Buffer;
  try {
    real = await realpath(absoluteFolder, { encoding: 'buffer' });
  } catch (error) {
    yield { path: folder, error: describe(error) };
    return;
  }
  // latin1 maps each byte to one character: a lossless key for a byte path.
  const key = real.toString('latin1');
  if (seen.has(key)) return;
  seen.add(key);
  let handle: Dir;
  try {
    handle = await opendir(absoluteFolder, { encoding: 'buffer' as BufferEncoding });
  } catch (error) {
    yield { path: folder, error: describe(error) };
    return;
  }
  const subfolders: { path: string; absolutePath: Buffer }[] = [];
  const maildir = await isMaildirMessageFolder(absoluteFolder);
  try {
    for await (const entry of folderEntries(handle)) {
      const path = join(folder, showFileName(entry.name));
      const absolutePath = childPath(absoluteFolder, entry.name);
      const mbox = hasExtension(entry.name, MAILBOX_FILE_EXTENSIONS);
      const message = mbox || hasExtension(entry.name, root.extensions) || (maildir && entry.name[0] !== 0x2e);
      const kind = mbox ? { mbox: true } : {};
      if (entry.isDirectory) {
        subfolders.push({ path, absolutePath });
      } else if (entry.isSymbolicLink) {
        const target = await resolveLink(absolutePath);
        if ('error' in target) {
          if (message) yield { path, error: target.error };
        } else if (!isInside(target.real, root.real)) {
          const what = target.isDirectory ? 'a folder' : 'a file';
          if (message || target.isDirectory) yield { path, skipped: `a symbolic link to ${what} outside ${root.shown} (the folder being linted); to lint it, name it on the command line` };
        } else if (target.isDirectory) {
          subfolders.push({ path, absolutePath: target.real });
        } else if (message) {
          // The real path that was checked is what is opened.
          yield { path, absolutePath: target.real, ...kind };
        }
      } else if (entry.isFile && message) {
        yield { path, absolutePath, ...kind };
      } else if (!entry.isFile && message) {
        // A FIFO, socket or device named like a message: reading it could block forever.
        yield { path, error: 'not a regular file (a FIFO, socket or device): not read' };
      }
    }
  } catch (error) {
    yield { path: folder, error: describe(error) };
  }
  for (const subfolder of subfolders) yield* walkFolder(subfolder.path, subfolder.absolutePath, root, seen);
}

/**
 * Files named directly are linted whatever their extension; folders yield their *.eml files (and
 * `extensions`), *.mbox mailboxes, and every file of a Maildir's cur/ and new/.
 */
export async function* expandPaths(paths: readonly string[], cwd: string = process.cwd(), extensions: readonly string[] = []): AsyncGenerator<FileEntry> {
  const messageExtensions = [...new Set([...MESSAGE_FILE_EXTENSIONS, ...extensions.map((extension) => extension.toLowerCase())])];
  const seen = new Set<string>();
  for (const path of paths) {
    if (path === '-') {
      yield { path, absolutePath: '-' };
      continue;
    }
    const absolutePath = resolve(cwd, path);
    let info;
    try {
      // Sync, as the message is then read: a one-file run starts no libuv thread pool (issue 15).
      info = statSync(absolutePath);
    } catch (error) {
      const hint = /[*?[]/.test(path) ? ' (globs are expanded by your shell; name files or a folder)' : '';
      yield { path, error: describe(error) + hint };
      continue;
    }
    if (!info.isDirectory()) {
      yield { path, absolutePath, named: true, ...(hasExtension(Buffer.from(path), MAILBOX_FILE_EXTENSIONS) ? { mbox: true } : {}) };
      continue;
    }
    let real: Buffer;
    try {
      real = await realpath(absolutePath, { encoding: 'buffer' });
    } catch (error) {
      yield { path, error: describe(error) };
      continue;
    }
    yield* walkFolder(path, Buffer.from(absolutePath), { shown: path, real, extensions: messageExtensions }, seen);
  }
}
