// Remembered element parses are shifted, never shared: parsing with a warm memory gives exactly what
// a cold parse gives, wherever the element stands in its list.

import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { forgetRememberedParses, parseAddressList } from '../../src/message/address-list.js';

const memo = suite('address parse memory');

const ELEMENTS = [
  'Jane Roe <jane@example.com>',
  'john.doe@example.net',
  '"Doe, John" <john@example.org>',
  'Team: ann@example.com, bob@example.com;',
  'Joe Q. Public <joe@example.com>',
  '@route:user@example.com',
  'bad@@example.com',
  '(comment) x@[192.0.2.1]',
  'Doe, John <j@example.com>',
];

function cold(text: string) {
  forgetRememberedParses();
  return parseAddressList(text);
}

memo('a warm parse equals a cold one for lists built from common and broken elements', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...ELEMENTS), { minLength: 1, maxLength: 5 }), fc.constantFrom(', ', ',', ',\r\n '), (elements, separator) => {
      const text = elements.join(separator);
      const expected = cold(text);
      for (const element of elements) parseAddressList(`  ${element}`); // warm the memory at other offsets
      assert.equal(parseAddressList(text), expected);
    }),
    { seed: 20261128, numRuns: 300 },
  );
});

memo('a remembered result handed out twice is two objects (a caller changing one cannot change the other)', () => {
  const first = parseAddressList('Jane Roe <jane@example.com>');
  const second = parseAddressList('Jane Roe <jane@example.com>');
  assert.equal(first, second);
  assert.is.not(first.mailboxes[0], second.mailboxes[0]);
});

memo.run();
