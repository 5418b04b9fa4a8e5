// `maillint init`: writes a starting maillint.config.json in the working folder. Never overwrites:
// a config someone edited is worth more than a fresh one.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE_NAME } from '../../config/load.js';
import { SAMPLE_CONFIG } from '../../config/sample.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';

export async function runInit(io: CliIo): Promise<number> {
  const path = join(io.cwd, CONFIG_FILE_NAME);
  try {
    await writeFile(path, SAMPLE_CONFIG, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${path} already exists; not overwriting it (edit it, or remove it first)`);
    throw new UsageError(`cannot write ${path}: ${code === 'EACCES' ? 'permission denied' : (error as Error).message}`);
  }
  io.stdout(`wrote ${path}\n`);
  return EXIT_OK;
}
