// Loading yargs costs ~45 ms (its help renderer, cliui, most of it): as much again as Node's own
// start-up. The everyday command line, `maillint [lint] [options] paths`, is read here with
// node:util parseArgs (built in, nothing to load) from the same option table. Anything else (help,
// other commands, an unknown or repeated option, a bad choice or number, `--flag true`) goes to
// full yargs, which owns every message; test/cli-fast-path.test.ts holds the two readings equal.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { COMMAND_OPTIONS, OPTIONS as ALL_OPTIONS, type CommonArguments } from './options.js';

const FULL_PARSER_COMMANDS = new Set(['rules', 'domain', 'ip', 'address', 'smtp', 'bounce', 'init', 'help', 'completion']);

interface OptionShape {
  alias?: string;
  type?: string;
  array?: boolean;
  choices?: readonly string[];
  default?: unknown;
}

const OPTIONS: Record<string, OptionShape> = Object.fromEntries(COMMAND_OPTIONS.lint.map((name) => [name, ALL_OPTIONS[name]]));

/** What yargs reads as a number: a plain decimal (anything fancier is left to yargs). */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function parseArgsOptions(): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, option] of Object.entries(OPTIONS)) {
    options[name] = {
      type: option.type === 'boolean' ? 'boolean' : 'string',
      multiple: option.array === true,
      ...(option.alias ? { short: option.alias } : {}),
    };
  }
  options.help = { type: 'boolean', short: 'h' };
  options.version = { type: 'boolean' };
  return options;
}

export type LintArguments = CommonArguments & { _: string[]; paths: string[] };

/** The lint command's arguments, or undefined when full yargs must read this command line. */
export function parseLintCommandLine(argv: readonly string[]): LintArguments | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: parseArgsOptions(), allowPositionals: true, strict: true, tokens: true });
  } catch {
    return undefined;
  }
  const { values, positionals, tokens } = parsed;
  if (values.help || values.version) return undefined;
  if (positionals.length > 0 && FULL_PARSER_COMMANDS.has(positionals[0]!)) return undefined;

  const seen = new Map<string, number>();
  for (const [index, token] of tokens.entries()) {
    if (token.kind !== 'option') continue;
    seen.set(token.name, (seen.get(token.name) ?? 0) + 1);
    // parseArgs reads `-fjson` as -f json; yargs as the flags -f -j -s -o -n.
    if (token.inlineValue && !token.rawName.startsWith('--')) return undefined;
    // yargs reads `--offline false` as a value for the flag; parseArgs would read a path.
    const next = tokens[index + 1];
    if (OPTIONS[token.name]?.type === 'boolean' && next?.kind === 'positional' && (next.value === 'true' || next.value === 'false')) {
      return undefined;
    }
  }

  const args: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(OPTIONS)) {
    const value = values[name];
    if (value === undefined) {
      if (option.default !== undefined) args[name] = Array.isArray(option.default) ? [...option.default] : option.default;
      continue;
    }
    if (!option.array && (seen.get(name) ?? 0) > 1) return undefined;
    if (option.choices && !option.choices.includes(value as string)) return undefined;
    if (option.type === 'number') {
      if (typeof value !== 'string' || !PLAIN_NUMBER.test(value)) return undefined;
      args[name] = Number(value);
      continue;
    }
    args[name] = value;
  }

  const paths = positionals[0] === 'lint' ? positionals.slice(1) : positionals;
  return { ...(args as CommonArguments), _: ['lint'], paths };
}
