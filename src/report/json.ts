import { stringifyJsonSafely } from './escape.js';
import type { Formatter } from './types.js';

/** `[{ target, findings: [{ check, severity, message, line?, column?, fix? }] }]`: a public shape. */
export const formatJson: Formatter = (results) =>
  `${stringifyJsonSafely(
    results.map((result) => ({
      target: result.target,
      findings: result.findings.map(({ data: _data, ...finding }) => finding),
    })),
    2,
  )}\n`;
