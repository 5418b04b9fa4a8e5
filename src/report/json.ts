import { stringifyJsonSafely } from './escape.js';
import type { TargetResult } from '../types.js';
import { formatWithStream, type Formatter, type StreamingFormatter } from './types.js';

/**
 * `[{ target, findings: [{ check, severity, message, line?, column?, fix?, edits?, suggestions?, data? }], output? }]`:
 * a public shape. `fix` is the sentence for a person; `edits` the same fix as data (`{ range: [start, end],
 * text }` on the message's octets, what --fix applies), `suggestions` repairs never applied; `output`
 * (or `outputBase64`, for a message that is not UTF-8) the repaired message of --fix-dry-run; `bounces`
 * (only from `maillint bounce`) one result per recipient of a bounce.
 * Written one target at a time, indented as JSON.stringify(…, null, 2) would write the whole array.
 */
export const streamJson: StreamingFormatter = () => {
  let first = true;
  return {
    start: '[',
    target(result) {
      const text = stringifyJsonSafely(reportItem(result), 2).replace(/\n/g, '\n  ');
      const separator = first ? '\n  ' : ',\n  ';
      first = false;
      return separator + text;
    },
    end: () => (first ? ']\n' : '\n]\n'),
  };
};

export const formatJson: Formatter = formatWithStream(streamJson);

/** One target as the json and jsonl reports give it. */
function reportItem(result: TargetResult): Record<string, unknown> {
  // `kind` is for the formatters that link files; `data` (what a check found, such as a blocklist's
  // detail) is part of the report.
  const item: Record<string, unknown> = { target: result.target, findings: result.findings };
  if (result.output !== undefined) item.output = result.output;
  if (result.outputBase64 !== undefined) item.outputBase64 = result.outputBase64;
  if (result.bounces !== undefined) item.bounces = result.bounces;
  return item;
}

/**
 * JSON Lines: the json report's items, one compact object a line, nothing before or after. Shards of
 * a run (split input files, one maillint each) merge by concatenating their outputs; a line is
 * written as soon as its target is done.
 */
export const streamJsonLines: StreamingFormatter = () => ({
  start: '',
  target: (result) => `${stringifyJsonSafely(reportItem(result))}\n`,
  end: () => '',
});

export const formatJsonLines: Formatter = formatWithStream(streamJsonLines);
