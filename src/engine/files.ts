// Expands the paths given on the command line into message files, streaming folder contents
// (a folder of 100,000 files is never listed into memory at once) and reporting per path what
// cannot be read. Folder symlink loops are cut by remembering real paths. Paths are shown as the
// user wrote them and opened relative to `cwd`.

import type { Dir } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export type FileEntry = { path: string; absolutePath: string } | { path: string; error: string };

export const MESSAGE_FILE_EXTENSIONS = ['.eml'];

/** Folders up to this many entries are reported in sorted order; larger ones stream as listed. */
const SORTED_FOLDER_LIMIT = 10_000;

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symbolic link loop';
  return error instanceof Error ? error.message : String(error);
}

function isMessageFile(name: string): boolean {
  return MESSAGE_FILE_EXTENSIONS.some((extension) => name.toLowerCase().endsWith(extension));
}

/** Entry names of a folder: sorted when the folder is small, as listed once it is not. */
async function* folderEntries(handle: Dir): AsyncGenerator<{ name: string; isDirectory: boolean; isSymbolicLink: boolean; isFile: boolean }> {
  const buffered: { name: string; isDirectory: boolean; isSymbolicLink: boolean; isFile: boolean }[] = [];
  let streaming = false;
  for await (const entry of handle) {
    const item = { name: entry.name, isDirectory: entry.isDirectory(), isSymbolicLink: entry.isSymbolicLink(), isFile: entry.isFile() };
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
  buffered.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  yield* buffered;
}

async function* walkFolder(folder: string, absoluteFolder: string, seen: Set<string>): AsyncGenerator<FileEntry> {
  let real: string;
  try {
    real = await realpath(absoluteFolder);
  } catch (error) {
    yield { path: folder, error: describe(error) };
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let handle: Dir;
  try {
    handle = await opendir(absoluteFolder);
  } catch (error) {
    yield { path: folder, error: describe(error) };
    return;
  }
  const subfolders: string[] = [];
  try {
    for await (const entry of folderEntries(handle)) {
      const path = join(folder, entry.name);
      const absolutePath = join(absoluteFolder, entry.name);
      if (entry.isDirectory) {
        subfolders.push(entry.name);
      } else if (entry.isSymbolicLink) {
        try {
          const target = await stat(absolutePath);
          if (target.isDirectory()) subfolders.push(entry.name);
          else if (isMessageFile(entry.name)) yield { path, absolutePath };
        } catch (error) {
          if (isMessageFile(entry.name)) yield { path, error: describe(error) };
        }
      } else if (entry.isFile && isMessageFile(entry.name)) {
        yield { path, absolutePath };
      } else if (!entry.isFile && isMessageFile(entry.name)) {
        // A FIFO, socket or device named like a message: reading it could block forever.
        yield { path, error: 'not a regular file (a FIFO, socket or device): not read' };
      }
    }
  } catch (error) {
    yield { path: folder, error: describe(error) };
  }
  for (const name of subfolders) yield* walkFolder(join(folder, name), join(absoluteFolder, name), seen);
}

/** Files named directly are linted whatever their extension; folders yield their *.eml files. */
export async function* expandPaths(paths: readonly string[], cwd: string = process.cwd()): AsyncGenerator<FileEntry> {
  const seen = new Set<string>();
  for (const path of paths) {
    if (path === '-') {
      yield { path, absolutePath: '-' };
      continue;
    }
    const absolutePath = resolve(cwd, path);
    let info;
    try {
      info = await stat(absolutePath);
    } catch (error) {
      const hint = /[*?[]/.test(path) ? ' (globs are expanded by your shell; name files or a folder)' : '';
      yield { path, error: describe(error) + hint };
      continue;
    }
    if (info.isDirectory()) yield* walkFolder(path, absolutePath, seen);
    else yield { path, absolutePath };
  }
}
