// The scanner looks at each octet a bounded number of times, whatever the line endings. Measured
// as work, not time: a spy on Buffer#indexOf adds up how far each search may run. Bare-LF and
// bare-CR files once made every line search to the end of the chunk for the other character
// (quadratic: 1 MB of LFs took 4.4 s; found by npm run fuzz).

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMessage } from '../../src/message/scan.js';
import { searchedOctets as countSearchedOctets } from '../helpers/searched-octets.js';

const linear = suite('scanner work is linear');

function searchedOctets(input: Buffer): number {
  return countSearchedOctets(() => parseMessage(input));
}

const HEADER = 'From: a@example.com\r\nSubject: s\r\n\r\n';

for (const [name, ending] of [['LF', '\n'], ['CR', '\r'], ['CRLF', '\r\n'], ['mixed', '\r\n\n\r']] as const) {
  linear(`${name} line endings: octets searched stay within a small multiple of the input`, () => {
    const input = Buffer.from(HEADER + `line${ending}`.repeat(20_000));
    const octets = searchedOctets(input);
    assert.ok(octets <= 4 * input.length, `${octets} octets searched for a ${input.length}-octet input`);
  });
}

linear.run();
