import type { TargetResult } from '../types.js';
import { countFindings, type Counts } from './summary.js';

export interface FormatContext {
  /** Colour the output (stylish only): true only on a TTY without NO_COLOR. */
  color: boolean;
  /** Folder that file paths are shown relative to (SARIF URIs, GitHub annotations). */
  cwd: string;
  /**
   * SARIF only: the file (relative to cwd) that results without a file of their own — domains,
   * IPs, stdin — are located at, because GitHub code scanning rejects a result without an
   * artifact location. Default: maillint.config.json.
   */
  anchorFile?: string;
  /**
   * SARIF only: base URL of the check doc pages; a rule's helpUri is `<docsBaseUrl><id>.md`.
   * Default: derived from package.json `repository` (GitHub), else no helpUri (the full doc page
   * is still inlined as the rule's help text).
   */
  docsBaseUrl?: string;
}

/** A formatter is a plain function from results to the report text. */
export type Formatter = (results: readonly TargetResult[], context: FormatContext) => string;

/**
 * A formatter that can write as results arrive, so a run over 100,000 files need not hold them
 * all: `target` returns the text for one result, `end` the closing text (a summary line).
 */
export interface ReportStream {
  start: string;
  target(result: TargetResult): string;
  end(counts: Counts): string;
}

export type StreamingFormatter = (context: FormatContext) => ReportStream;

/** The whole-report form of a streaming formatter: the same text, in one string. */
export function formatWithStream(stream: StreamingFormatter): Formatter {
  return (results, context) => {
    const report = stream(context);
    return report.start + results.map((result) => report.target(result)).join('') + report.end(countFindings(results));
  };
}
