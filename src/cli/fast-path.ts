// Loading yargs costs ~45 ms (its help renderer, cliui, most of it): as much again as Node's own
// start-up. The everyday command line — `maillint [lint] [options] paths` — is read here with
// yargs-parser, the parser yargs itself uses, from the same option table. Anything else (help,
// other commands, an unknown option, a bad choice) goes to full yargs, which owns all messages.

import parse from 'yargs-parser';
import { COMMON_OPTIONS, type CommonArguments } from './options.js';

const FULL_PARSER_COMMANDS = new Set(['rules', 'domain', 'ip', 'address', 'init', 'help', 'completion']);
const FULL_PARSER_FLAGS = new Set(['--help', '-h', '--version', '--show-hidden']);

interface OptionShape {
  alias?: string;
  type?: string;
  array?: boolean;
  choices?: readonly string[];
  default?: unknown;
}

const OPTIONS = COMMON_OPTIONS as Record<string, OptionShape>;

function parserConfiguration(): parse.Options {
  const alias: Record<string, string[]> = {};
  const array: string[] = [];
  const boolean: string[] = [];
  const string: string[] = [];
  const number: string[] = [];
  const defaults: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(OPTIONS)) {
    if (option.alias) alias[name] = [option.alias];
    if (option.array) array.push(name);
    if (option.type === 'boolean') boolean.push(name);
    if (option.type === 'string' || option.choices) string.push(name);
    if (option.type === 'number') number.push(name);
    if (option.default !== undefined) defaults[name] = option.default;
  }
  return {
    alias,
    array,
    boolean,
    string,
    number,
    default: defaults,
    configuration: { 'populate--': true, 'parse-positional-numbers': false, 'greedy-arrays': false },
  };
}

function knownKeys(): Set<string> {
  const keys = new Set(['_', '--', '$0']);
  for (const [name, option] of Object.entries(OPTIONS)) {
    keys.add(name);
    keys.add(name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase()));
    if (option.alias) keys.add(option.alias);
  }
  return keys;
}

export type LintArguments = CommonArguments & { _: string[]; paths: string[]; '--'?: string[] };

/** The lint command's arguments, or undefined when full yargs must read this command line. */
export function parseLintCommandLine(argv: readonly string[]): LintArguments | undefined {
  const dashes = argv.indexOf('--');
  const beforeDashes = dashes === -1 ? argv : argv.slice(0, dashes);
  if (beforeDashes.some((arg) => FULL_PARSER_FLAGS.has(arg))) return undefined;

  const parsed = parse([...argv], parserConfiguration());
  const positionals = parsed._.map(String);
  if (positionals.length > 0 && FULL_PARSER_COMMANDS.has(positionals[0]!)) return undefined;

  const known = knownKeys();
  if (Object.keys(parsed).some((key) => !known.has(key))) return undefined;
  for (const [name, option] of Object.entries(OPTIONS)) {
    const value: unknown = parsed[name];
    if (value === undefined) continue;
    if (option.choices && !option.choices.includes(value as string)) return undefined;
    // A lone flag given where a value is due (`--timeout` with nothing after it) is yargs' to report.
    if (option.type === 'number' && (typeof value !== 'number' || Number.isNaN(value))) return undefined;
    if (!option.array && Array.isArray(value)) return undefined;
  }

  const paths = positionals[0] === 'lint' ? positionals.slice(1) : positionals;
  const afterDashes = ((parsed['--'] as unknown[] | undefined) ?? []).map(String);
  return { ...(parsed as unknown as CommonArguments), _: ['lint'], paths: [...paths, ...afterDashes] };
}
