// isOneEditAway (linear) agrees with the textbook optimal-string-alignment distance (a dynamic
// programming table, kept here as the oracle) on random strings over a small alphabet, where
// repeated letters make the prefix/suffix trimming earn its keep.

import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isOneEditAway } from '../../src/message/typo-domains.js';

const oneEdit = suite('one edit away');

function optimalStringAlignmentDistance(left: string, right: string): number {
  const table: number[][] = Array.from({ length: left.length + 1 }, (_, row) =>
    Array.from({ length: right.length + 1 }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row <= left.length; row += 1) {
    for (let column = 1; column <= right.length; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(table[row - 1]![column]! + 1, table[row]![column - 1]! + 1, table[row - 1]![column - 1]! + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) {
        best = Math.min(best, table[row - 2]![column - 2]! + 1);
      }
      table[row]![column] = best;
    }
  }
  return table[left.length]![right.length]!;
}

oneEdit('matches the distance table on random strings', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.'), maxLength: 8 });
  fc.assert(
    fc.property(word, word, (left, right) => isOneEditAway(left, right) === (optimalStringAlignmentDistance(left, right) === 1)),
    { seed: 20261128, numRuns: 5000 },
  );
});

oneEdit('and on typos of real provider names', () => {
  for (const [typo, expected] of [['gmial.com', true], ['gmail.co', true], ['gmaill.com', true], ['gmail.com', false], ['gamil.com', true], ['hotmail.com', false], ['gmx.com', false]] as const) {
    assert.is(isOneEditAway(typo, 'gmail.com'), expected, typo);
  }
});

oneEdit.run();
