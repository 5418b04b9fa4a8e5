// Expands the paths given on the command line into message files, streaming folder contents
// (a folder of 100,000 files is never listed into memory at once) and reporting per path what
// cannot be read. Folder symlink loops are cut by remembering real paths.

import { opendir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type FileEntry = { path: string } | { path: string; error: string };

export const MESSAGE_FILE_EXTENSIONS = ['.eml'];

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symbolic link loop';
  return error instanceof Error ? error.message : String(error);
}

async function* walkFolder(folder: string, seen: Set<string>): AsyncGenerator<FileEntry> {
  let real: string;
  try {
    real = await realpath(folder);
  } catch (error) {
    yield { path: folder, error: describe(error) };
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let handle;
  try {
    handle = await opendir(folder);
  } catch (error) {
    yield { path: folder, error: describe(error) };
    return;
  }
  const subfolders: string[] = [];
  try {
    for await (const entry of handle) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        subfolders.push(path);
      } else if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          if (target.isDirectory()) subfolders.push(path);
          else if (isMessageFile(entry.name)) yield { path };
        } catch (error) {
          if (isMessageFile(entry.name)) yield { path, error: describe(error) };
        }
      } else if (entry.isFile() && isMessageFile(entry.name)) {
        yield { path };
      }
    }
  } catch (error) {
    yield { path: folder, error: describe(error) };
  }
  subfolders.sort();
  for (const subfolder of subfolders) yield* walkFolder(subfolder, seen);
}

function isMessageFile(name: string): boolean {
  return MESSAGE_FILE_EXTENSIONS.some((extension) => name.toLowerCase().endsWith(extension));
}

/** Files named directly are linted whatever their extension; folders yield their *.eml files. */
export async function* expandPaths(paths: readonly string[]): AsyncGenerator<FileEntry> {
  const seen = new Set<string>();
  for (const path of paths) {
    if (path === '-') {
      yield { path };
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const hint = /[*?[]/.test(path) ? ' (globs are expanded by your shell; quote-free paths or a folder work)' : '';
      yield { path, error: describe(error) + hint };
      continue;
    }
    if (info.isDirectory()) yield* walkFolder(path, seen);
    else yield { path };
  }
}
