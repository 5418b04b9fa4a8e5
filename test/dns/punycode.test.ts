// The Punycode decoder behind A-label checks, against RFC 3492 section 7.1's sample strings.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodePunycode } from '../../src/dns/punycode.js';

const test = suite('decodePunycode');

test('RFC 3492 7.1 samples decode to their Unicode strings', () => {
  assert.is(decodePunycode('egbpdaj6bu4bxfgehfvwxn'), 'ليهمابتكلموشعربي؟'); // (A) Arabic
  assert.is(decodePunycode('ihqwcrb4cv8a8dqg056pqjye'), '他们为什么不说中文'); // (B) Chinese
  assert.is(decodePunycode('b1abfaaepdrnnbgefbadotcwatmq2g4l'), 'почемужеонинеговорятпорусски'); // (I) Russian
  assert.is(decodePunycode('3B-ww4c5e180e575a65lsy2b'), '3年B組金八先生'); // (J) basic code points keep their case
  assert.is(decodePunycode('-> $1.00 <--'), '-> $1.00 <-'); // (S) all basic
});

test('invalid input is undefined, not an exception', () => {
  assert.is(decodePunycode('zz'), undefined, 'ends inside a number');
  assert.is(decodePunycode('0'), undefined);
  assert.is(decodePunycode('bü-kva'), undefined, 'non-ASCII before the delimiter');
  assert.is(decodePunycode('a!'), undefined, 'not a base-36 digit');
  assert.is(decodePunycode('99999999'), undefined, 'overflow');
  assert.is(decodePunycode('ab-9999999a'), undefined, 'beyond U+10FFFF or past 2^31');
});

test.run();
