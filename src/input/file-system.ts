// The few promise-returning file-system calls that linting a file (and `rules <id>`) needs, built on node:fs's callbacks.
// node:fs/promises is not used on the path of a short run: loading it loads Node's streams,
// readline and REPL-history modules with it, ~1 ms of CPU of every start on Node 24 (issue 15,
// `npm run bench -- startup`). The calls are the same system calls, with the same errors.

import { opendir as opendirCallback, readFile as readFileCallback, realpath as realpathCallback, stat as statCallback, type Dir, type OpenDirOptions, type Stats } from 'node:fs';

export function stat(path: string | Buffer): Promise<Stats> {
  return new Promise((resolve, reject) => statCallback(path, (error, stats) => (error ? reject(error) : resolve(stats))));
}

/** The native realpath(3), as node:fs/promises realpath uses (fs.realpath itself walks with lstat). */
export function realpath(path: string | Buffer, options: { encoding: 'buffer' }): Promise<Buffer> {
  return new Promise((resolve, reject) => realpathCallback.native(path, options, (error, resolved) => (error ? reject(error) : resolve(resolved))));
}

export function opendir(path: string | Buffer, options: OpenDirOptions): Promise<Dir> {
  return new Promise((resolve, reject) => opendirCallback(path as string, options, (error, dir) => (error ? reject(error) : resolve(dir))));
}

export function readUtf8File(path: string): Promise<string> {
  return new Promise((resolve, reject) => readFileCallback(path, 'utf8', (error, text) => (error ? reject(error) : resolve(text))));
}
