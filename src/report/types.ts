import type { TargetResult } from '../types.js';

export interface FormatContext {
  /** Colour the output (stylish only): true only on a TTY without NO_COLOR. */
  color: boolean;
  /** Folder that file paths are shown relative to. */
  cwd: string;
}

/** A formatter is a plain function from results to the report text. */
export type Formatter = (results: readonly TargetResult[], context: FormatContext) => string;
