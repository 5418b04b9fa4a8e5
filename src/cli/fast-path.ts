// Loading yargs costs ~50 ms of CPU (its help renderer, cliui, most of it): as much again as Node's
// own start-up. A well-formed command line of any command is read here with node:util parseArgs
// (built in, nothing to load) from the same option table (COMMAND_OPTIONS) and the same command
// declarations (`domain [names..]`) yargs is given. Anything else (help, version, an unknown or
// repeated option, a bad choice or number, `--flag true`, a positional too many) goes to full
// yargs, which owns every message; test/cli/fast-path.test.ts holds the two readings equal.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { COMMAND_OPTIONS, commandOption, type CommandName, type CommonArguments, type OptionName } from './options.js';

/** A command as main.ts declares it to yargs: its name and its usage (`domain [names..]`, `$0 [paths..]`). */
export interface CommandSyntax {
  name: CommandName;
  command: string | readonly string[];
}

interface OptionShape {
  alias?: string;
  type?: string;
  array?: boolean;
  choices?: readonly string[];
  default?: unknown;
}

/** Words yargs reads as its own commands, never as a path. */
const YARGS_WORDS = new Set(['help', 'completion']);

/** What yargs reads as a number: a plain decimal (anything fancier is left to yargs). */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** The positional a usage declares: `[names..]` is the list `names`, `[id]` the single `id`. */
function positionalOf(syntax: CommandSyntax): { name: string; list: boolean } | undefined {
  const usage = typeof syntax.command === 'string' ? syntax.command : syntax.command[0]!;
  const match = /\[([\w-]+)(\.\.)?\]/.exec(usage);
  return match ? { name: match[1]!, list: match[2] !== undefined } : undefined;
}

function optionShapes(command: CommandName): Record<string, OptionShape> {
  return Object.fromEntries((COMMAND_OPTIONS[command] as readonly OptionName[]).map((name) => [name, commandOption(command, name)]));
}

function parseArgsOptions(shapes: Record<string, OptionShape>): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, option] of Object.entries(shapes)) {
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

export type FastArguments = CommonArguments & { _: string[] } & Record<string, unknown>;

/**
 * The arguments of a command line as yargs would give them, or undefined when full yargs must read it.
 * `argv` has its command word first (main.ts puts it there); no command word is `lint`.
 */
export function parseCommandLine(argv: readonly string[], commands: readonly CommandSyntax[]): FastArguments | undefined {
  const first = argv[0];
  if (first !== undefined && YARGS_WORDS.has(first)) return undefined;
  const named = commands.find((syntax) => syntax.name === first);
  const syntax = named ?? commands.find((candidate) => candidate.name === 'lint');
  if (syntax === undefined) return undefined;
  const shapes = optionShapes(syntax.name);
  let parsed;
  try {
    parsed = parseArgs({ args: named ? argv.slice(1) : [...argv], options: parseArgsOptions(shapes), allowPositionals: true, strict: true, tokens: true });
  } catch {
    return undefined;
  }
  const { values, positionals, tokens } = parsed;
  if (values.help || values.version) return undefined;
  if (!readsAlike(tokens, shapes)) return undefined;
  const args = optionValues(values, tokens, shapes);
  if (args === undefined) return undefined;

  // A command word after options: main.ts moves it first; read unmoved, it is yargs' to judge.
  const words = positionals;
  if (named === undefined && words[0] !== undefined && commands.some((candidate) => candidate.name === words[0])) return undefined;
  const positional = positionalOf(syntax);
  if (positional === undefined) {
    if (words.length > 0 || tokens.some((token) => token.kind === 'option-terminator')) return undefined;
  } else if (positional.list) {
    args[positional.name] = words;
  } else {
    if (words.length > 1 || tokens.some((token) => token.kind === 'option-terminator')) return undefined;
    if (words.length === 1) args[positional.name] = words[0];
  }
  return { ...(args as CommonArguments), _: [syntax.name] };
}

/** False where parseArgs and yargs read the same tokens differently. */
function readsAlike(tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>, shapes: Record<string, OptionShape>): boolean {
  for (const [index, token] of tokens.entries()) {
    if (token.kind !== 'option') continue;
    // parseArgs reads `-fjson` as -f json; yargs as the flags -f -j -s -o -n.
    if (token.inlineValue && !token.rawName.startsWith('--')) return false;
    // yargs reads `--offline false` as a value for the flag; parseArgs would read a positional.
    const next = tokens[index + 1];
    if (shapes[token.name]?.type === 'boolean' && next?.kind === 'positional' && (next.value === 'true' || next.value === 'false')) return false;
  }
  return true;
}

/** Option values with yargs' defaults and number parsing; undefined for anything yargs must judge. */
function optionValues(
  values: Record<string, unknown>,
  tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>,
  shapes: Record<string, OptionShape>,
): Record<string, unknown> | undefined {
  const seen = new Map<string, number>();
  for (const token of tokens) if (token.kind === 'option') seen.set(token.name, (seen.get(token.name) ?? 0) + 1);
  const args: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(shapes)) {
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
  return args;
}
