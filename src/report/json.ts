import { stringifyJsonSafely } from './escape.js';
import { formatWithStream, type Formatter, type StreamingFormatter } from './types.js';

/**
 * `[{ target, findings: [{ check, severity, message, line?, column?, fix?, data? }] }]`: a public shape.
 * Written one target at a time, indented as JSON.stringify(…, null, 2) would write the whole array.
 */
export const streamJson: StreamingFormatter = () => {
  let first = true;
  return {
    start: '[',
    target(result) {
      // `kind` is for the formatters that link files; `data` (what a check found, such as a blocklist's
      // detail) is part of the report.
      const item = { target: result.target, findings: result.findings };
      const text = stringifyJsonSafely(item, 2).replace(/\n/g, '\n  ');
      const separator = first ? '\n  ' : ',\n  ';
      first = false;
      return separator + text;
    },
    end: () => (first ? ']\n' : '\n]\n'),
  };
};

export const formatJson: Formatter = formatWithStream(streamJson);
