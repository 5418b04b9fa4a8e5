// The MIME scanner looks at each octet a bounded number of times, however many parts there are.
// Measured as work, not time (as test/message/scan-linear.test.ts does): a spy on Buffer#indexOf adds
// up how far each search may run. Each part's header once searched to the end of the chunk for the
// other kind of blank line (a bare "\n\n" in CRLF mail, "\n\r\n" in LF mail): 20,000 parts of a
// 600 KB message took 3.6 s, ten times the parts thirty times the time.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MimeScanner } from '../../src/mime/scan.js';
import { searchedOctets as countSearchedOctets } from '../helpers/searched-octets.js';

const linear = suite('MIME scanner work is linear');

function searchedOctets(input: Buffer): number {
  return countSearchedOctets(() => {
    const scanner = new MimeScanner();
    scanner.push(input);
    scanner.finish();
  });
}

for (const [name, ending] of [['CRLF', '\r\n'], ['LF', '\n']] as const) {
  linear(`${name}: a multipart of 5,000 small parts is searched within a small multiple of its size`, () => {
    const lines = ['From: a@example.com', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', ''];
    for (let index = 0; index < 5000; index += 1) lines.push('--b', 'Content-Type: text/plain', '', 'x');
    lines.push('--b--', '');
    const input = Buffer.from(lines.join(ending));
    const octets = searchedOctets(input);
    assert.ok(octets <= 8 * input.length, `${octets} octets searched for a ${input.length}-octet input`);
  });
}

linear.run();
