// Check options are typed from each check's option specs: `npm run typecheck` fails if a
// misspelt option name or a wrong value type compiles (the @ts-expect-error lines below).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defineCheck } from '../../src/define-check.js';
import type { DomainCheck } from '../../src/types.js';

const sample = defineCheck({
  id: 'sample-check',
  title: 'sample',
  target: 'message',
  defaultSeverity: 'warn',
  prevents: 'nothing',
  references: [],
  needs: [],
  options: {
    maxHours: { type: 'number', default: 2, description: 'hours' },
    allowThing: { type: 'boolean', default: false, description: 'flag' },
    names: { type: 'string[]', default: [], description: 'names' },
  },
  run({ options }) {
    const hours: number = options.maxHours;
    const allowed: boolean = options.allowThing;
    const names: readonly string[] = options.names;
    // @ts-expect-error a misspelt option name does not compile
    void options.maxHour;
    // @ts-expect-error a number option is not a string
    const wrong: string = options.maxHours;
    void wrong;
    return [{ message: `${hours} ${allowed} ${names.join(',')}` }];
  },
});

// A check may need only its own target's facts.
const domainFact: DomainCheck['needs'][number] = 'mx';
// @ts-expect-error a domain check cannot need an IP fact
const ipFactOnDomain: DomainCheck['needs'][number] = 'dnsbl';
void domainFact;
void ipFactOnDomain;

test('defineCheck returns the plain object, and run gets typed options', () => {
  const findings = sample.run({ message: {} as never, mime: {} as never, options: { maxHours: 3, allowThing: true, names: ['a'] }, now: new Date(0) });
  assert.equal(findings, [{ message: '3 true a' }]);
});

test.run();
