// Formats that link to files link what is a file: in a lint run a domain finding sits at the header
// line naming the domain, so it links to the message; an address given on the command line is not
// a file (found by QA: SARIF pointed at "a%40b", GitHub annotations lost their file).

import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Log } from 'sarif';
import { runCli } from '../helpers/cli.js';

const locations = suite('finding locations');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

locations('lint: an MX finding is annotated on the message file at the naming header line', async () => {
  const run = await runCli(['--offline', '--zone', 'examples/dns/example.zone', '-f', 'github', 'examples/messages/shipping-notice.eml'], { cwd: ROOT });
  assert.match(run.stdout, /^::error file=examples\/messages\/shipping-notice\.eml,line=2,col=22,title=maillint mx-cname::/m);
});

locations('address: SARIF does not invent a file named after the address', async () => {
  const run = await runCli(['address', '-f', 'sarif', 'pat@mail.example.test'], { cwd: ROOT });
  const log = JSON.parse(run.stdout) as Log;
  const locations = log.runs[0]!.results!.map((result) => result.locations![0]!);
  assert.ok(locations.length > 0);
  // No file was read, so no file is named: the address is a logical location only.
  for (const location of locations) {
    assert.is(location.physicalLocation, undefined);
    assert.is(location.logicalLocations![0]!.name, 'pat@mail.example.test');
  }
});

locations.run();
