// The floor the bulk benchmark compares maillint with: walk the same folder the same way (streamed,
// subfolders after files), read each file with the same number of reads in flight as maillint
// (8), and split its header section into lines. Plain JavaScript run by plain node, so the floor
// pays no TypeScript loader either.
// Usage: node floor-read-split.mjs <folder> [reads-in-flight]

import { opendir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const inFlight = Number(process.argv[3] ?? 8);
let files = 0;
let headerLines = 0;

async function* walk(folder) {
  const subfolders = [];
  for await (const entry of await opendir(folder)) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) subfolders.push(path);
    else if (entry.isFile() && entry.name.endsWith('.eml')) yield path;
  }
  for (const subfolder of subfolders.sort()) yield* walk(subfolder);
}

async function readAndSplit(path) {
  const bytes = await readFile(path);
  let end = bytes.indexOf('\r\n\r\n');
  if (end === -1) end = bytes.indexOf('\n\n');
  if (end === -1) end = bytes.length;
  headerLines += bytes.toString('latin1', 0, end).split(/\r?\n/).length;
  files += 1;
}

const paths = walk(process.argv[2]);
async function worker() {
  for (let next = await paths.next(); !next.done; next = await paths.next()) await readAndSplit(next.value);
}
await Promise.all(Array.from({ length: inFlight }, worker));
console.log(JSON.stringify({ files, headerLines }));
