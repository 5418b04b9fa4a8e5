// Explanations of unparseable addresses name the usual mistake (found by QA: recipients separated
// by ";" were explained as "more than one @").

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAddressList } from '../../src/message/address-list.js';

const explain = suite('address explanations');

explain('recipients separated by ";" are told to use commas', () => {
  const parsed = parseAddressList('carol@example.com; dave@example.net');
  assert.ok(parsed.problems.some((problem) => /separated by ";".*commas/.test(problem.message)), JSON.stringify(parsed.problems));
});

explain('a group still ends with ";" without that advice', () => {
  const parsed = parseAddressList('Team: carol@example.com, dave@example.net;');
  assert.not.ok(parsed.problems.some((problem) => /separated by ";"/.test(problem.message)), JSON.stringify(parsed.problems));
  assert.is(parsed.mailboxes.length, 2);
});

explain.run();
