// A config file may be anything a repository points at (a key file, /proc/self/environ): a JSON
// error names line and column and what is wrong, and never carries a character of the file's text,
// whatever V8 (Node 20, 22 or 24) put in its own message.

import * as fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { describeJsonFailure, JSON_FAILURE_REASONS, parseJson, type JsonFailure } from '../../src/config/parse-json.js';

const json = suite('parseJson');

function failureOf(text: string): JsonFailure {
  const outcome = parseJson(text);
  if (outcome.ok) throw new Error(`parsed ${JSON.stringify(text)}`);
  return outcome.failure;
}

json('valid JSON parses', () => {
  assert.equal(parseJson('{"a": [1, "b"]}'), { ok: true, value: { a: [1, 'b'] } });
});

json('text that is not JSON at all: line and column, no character of it', () => {
  const secret = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  for (const [text, line, column] of [
    [secret, 1, 1],
    [`${secret}\n`, 1, 1],
    [`{\n  "rules": {},\n  "zones": ${secret}\n}`, 3, 12],
    ['{"a": 1, "b": SECRET_TOKEN_abcdefghijklmnopqrstuvwxyz}', 1, 15],
    ['undefined', 1, 1],
    ['\u001b]8;;https://evil.example\u0007x', 1, 1],
  ] as const) {
    const failure = failureOf(text);
    assert.equal({ line: failure.line, column: failure.column }, { line, column }, text);
    assert.ok(JSON_FAILURE_REASONS.includes(failure.reason), `reason from the fixed list, got ${JSON.stringify(failure.reason)}`);
    assert.not.match(failure.reason, /SECRET|AWS|undefined|evil|\u001b/);
  }
});

json('the usual mistakes keep their own words', () => {
  assert.equal(failureOf('{\n  "a": 1,\n}'), { reason: 'expected a double-quoted property name (a trailing comma?)', line: 3, column: 1 });
  assert.equal(failureOf('{"a": 1'), { reason: "expected ',' or '}' after a property value", line: 1, column: 8 });
  assert.equal(failureOf('{"a": [1, '), { reason: 'unexpected end of input (an unclosed {, [ or ")', line: 1, column: 11 });
  assert.equal(failureOf(''), { reason: 'unexpected end of input (an unclosed {, [ or ")', line: 1, column: 1 });
  assert.equal(failureOf('{"a": "x\ty"}'), { reason: 'a control character inside a string (write it as \\t, \\n or \\u00XX)', line: 1, column: 9 });
  assert.equal(failureOf('{"a": 1} x'), { reason: 'more text after the JSON value', line: 1, column: 10 });
});

// Node 22 and 24 (V8 12/13) word these differently from Node 20; the messages below are theirs.
json('messages of Node 22 and 24: the quoted text is dropped, the stated line and column kept', () => {
  const text = 'AWS_SECRET_ACCESS_KEY=abc';
  for (const message of [
    `Unexpected token 'A', "AWS_SECRET"... is not valid JSON`,
    `Unexpected token 'A', "${text}" is not valid JSON`,
    `Unexpected token 'A', ..."S_SECRET_A"... is not valid JSON`,
    `"${text}" is not valid JSON`,
  ]) {
    const failure = describeJsonFailure(message, text);
    assert.equal(failure, { reason: 'unexpected character', line: 1, column: 1 }, message);
  }
  const stated = describeJsonFailure(`Expected property name or '}' in JSON at position 1 (line 1 column 2)`, '{AWS');
  assert.equal(stated, { reason: "expected a property name or '}'", line: 1, column: 2 });
  const unknown = describeJsonFailure('Some future wording quoting "AWS_SECRET" at position 3', 'abcAWS_SECRET');
  assert.equal(unknown, { reason: 'not valid JSON', line: 1, column: 4 });
});

json('where V8 states the position, the located one agrees (checked on generated near-JSON)', () => {
  const alphabet = fc.constantFrom(...'{}[]":,a1-.eE\\u t\n0'.split(''));
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 24 }).map((characters) => characters.join('')), (text) => {
      let message: string;
      try {
        JSON.parse(text);
        return;
      } catch (error) {
        message = (error as Error).message;
      }
      const failure = describeJsonFailure(message, text);
      assert.ok(JSON_FAILURE_REASONS.includes(failure.reason), message);
      const stated = /position (\d+)/.exec(message);
      const located = describeJsonFailure(`Unexpected token 'x', "…" is not valid JSON`, text);
      if (stated && Number(stated[1]) < text.length) {
        assert.equal({ line: located.line, column: located.column }, { line: failure.line, column: failure.column }, `${JSON.stringify(text)}: ${message}`);
      }
    }),
    { numRuns: 3000, seed: 20261130 },
  );
});

json.run();
