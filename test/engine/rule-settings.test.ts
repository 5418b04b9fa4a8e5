// Rule settings handed to the API (resolveRules) are judged like a config file's: names that are
// Object.prototype's ("__proto__", "constructor", "toString", "hasOwnProperty") are unknown ids,
// options or profiles like any other, never silently accepted or mistaken for a spec.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../../checks/index.js';
import { ConfigError, resolveRules } from '../../src/engine/rules.js';
import type { Profile, RuleSettings } from '../../src/types.js';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.instance(error, ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

test('a prototype name as a check id is an unknown id (from parsed JSON, where "__proto__" is an own key)', () => {
  for (const name of PROTOTYPE_NAMES) {
    const settings = JSON.parse(`{${JSON.stringify(name)}: "off"}`) as RuleSettings;
    assert.is(refusal(() => resolveRules(allChecks, settings)), `unknown check id "${name}" (see \`maillint rules\`)`);
  }
});

test('a prototype name as an option is an unknown option', () => {
  for (const name of PROTOTYPE_NAMES) {
    const options = JSON.parse(`{${JSON.stringify(name)}: 1}`) as Record<string, never>;
    assert.match(refusal(() => resolveRules(allChecks, { 'date-skew': ['warn', options] })), `rule date-skew: unknown option "${name}" (options: `);
    assert.is(refusal(() => resolveRules(allChecks, { 'subject-missing': ['warn', options] })), `rule subject-missing: unknown option "${name}" (it takes no options)`);
  }
});

test('a prototype name as a profile is an unknown profile', () => {
  for (const name of PROTOTYPE_NAMES) {
    assert.match(refusal(() => resolveRules(allChecks, {}, name as Profile)), /^unknown profile /);
  }
});

test('ids and option names are echoed escaped and cut', () => {
  const hostile = `\u001b]8;;https://evil.example/\u0007${'x'.repeat(5000)}`;
  for (const message of [
    refusal(() => resolveRules(allChecks, { [hostile]: 'off' })),
    refusal(() => resolveRules(allChecks, { 'date-skew': ['warn', { [hostile]: 1 } as Record<string, never>] })),
  ]) {
    assert.not.match(message, /[\u0000-\u001f]/);
    assert.ok(message.length < 200, `${message.length} characters`);
  }
});

test.run();
