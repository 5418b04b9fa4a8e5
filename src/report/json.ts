import { stringifyJsonSafely } from './escape.js';
import { formatWithStream, type Formatter, type StreamingFormatter } from './types.js';

/**
 * `[{ target, findings: [{ check, severity, message, line?, column?, fix? }] }]`: a public shape.
 * Written one target at a time, indented as JSON.stringify(…, null, 2) would write the whole array.
 */
export const streamJson: StreamingFormatter = () => {
  let first = true;
  return {
    start: '[',
    target(result) {
      const item = { target: result.target, findings: result.findings.map(({ data: _data, ...finding }) => finding) };
      const text = stringifyJsonSafely(item, 2).replace(/\n/g, '\n  ');
      const separator = first ? '\n  ' : ',\n  ';
      first = false;
      return separator + text;
    },
    end: () => (first ? ']\n' : '\n]\n'),
  };
};

export const formatJson: Formatter = formatWithStream(streamJson);
