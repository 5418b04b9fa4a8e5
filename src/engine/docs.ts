import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package root, found upward from this module (it runs from src/ under tsx and from dist/src/ when built). */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('maillint: cannot find its package root');
    folder = parent;
  }
  root = folder;
  return folder;
}

export function checkDocPath(id: string): string {
  return join(packageRoot(), 'checks', `${id}.md`);
}
