// The maillint command line. `main` returns the exit code and never calls process.exit, so tests
// run it in-process. Commands are loaded on demand: linting one file loads no DNS code.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { ConfigError } from '../errors.js';
import { escapeControlCharacters } from '../report/escape.js';
import { parseCommandLine } from './fast-path.js';
import { EXIT_USAGE, UsageError, processIo, type CliIo } from './io.js';
import { COMMAND_OPTIONS, OPTIONS, REFUSAL_REASONS, withOptions, type CommandName, type CommonArguments, type OptionName } from './options.js';
import { closestName } from '../suggest.js';

type Arguments = CommonArguments & { _: (string | number)[] } & Record<string, unknown>;

interface CommandSpec {
  name: CommandName;
  command: string | string[];
  describe: string;
  positionals: (parser: Argv) => Argv;
  run: (args: Arguments, io: CliIo) => Promise<number>;
  /** The list positional that arguments after `--` belong to (absent: the command takes none). */
  rest?: string;
}

const COMMANDS: CommandSpec[] = [
  {
    name: 'lint',
    command: ['lint [paths..]', '$0 [paths..]'],
    rest: 'paths',
    describe: 'Lint messages: .eml and mbox files, folders (their *.eml and *.mbox files and Maildirs, recursively) or - for stdin',
    positionals: (parser) => parser.positional('paths', { type: 'string', array: true, describe: 'Files, folders, or - for stdin' }),
    run: async (args, io) => {
      const paths = (args.paths as string[] | undefined) ?? [];
      if (paths.length === 0) throw new UsageError('no input: name .eml files or folders, or - to read stdin (maillint --help lists the commands: domain, ip, address, smtp, bounce, rules, init)');
      refuseMistypedCommand(paths[0]!, io);
      return (await import('./commands/lint.js')).runLint({ ...args, paths }, io);
    },
  },
  {
    name: 'rules',
    command: 'rules [id]',
    describe: 'List the checks, or print one check\'s documentation',
    positionals: (parser) => parser.positional('id', { type: 'string', describe: 'A check id' }),
    run: async (args, io) => (await import('./commands/rules.js')).runRules({ id: args.id as string | undefined, format: args.format }, io),
  },
  {
    name: 'domain',
    command: 'domain [names..]',
    rest: 'names',
    describe: 'Audit the mail DNS of domains (MX and their hosts, SPF, DMARC, DKIM keys with --dkim-selector), live or from --zone files',
    positionals: (parser) => parser.positional('names', { type: 'string', array: true, describe: 'Domain names (none with --zone: every mail domain in the zone files)' }),
    run: async (args, io) =>
      (await import('./commands/domain.js')).runDomain(
        { ...args, names: ((args.names as unknown[] | undefined) ?? []).map(String), file: args.file as string | undefined },
        io,
      ),
  },
  {
    name: 'ip',
    command: 'ip [addresses..]',
    rest: 'addresses',
    describe: 'Check sending IP addresses against DNS blocklists (zen.spamhaus.org, bl.spamcop.net, b.barracudacentral.org by default) and their reverse DNS',
    positionals: (parser) => parser.positional('addresses', { type: 'string', array: true, describe: 'IPv4 or IPv6 addresses' }),
    run: async (args, io) =>
      (await import('./commands/ip.js')).runIp(
        { ...args, addresses: ((args.addresses as unknown[] | undefined) ?? []).map(String), file: args.file },
        io,
      ),
  },
  {
    name: 'address',
    command: 'address [addresses..]',
    rest: 'addresses',
    describe: 'Validate email addresses as written: user@example.com or "Name <user@example.com>"',
    positionals: (parser) => parser.positional('addresses', { type: 'string', array: true, describe: 'Addresses (quote each one for the shell)' }),
    run: async (args, io) =>
      (await import('./commands/address.js')).runAddress({ ...args, addresses: ((args.addresses as unknown[] | undefined) ?? []).map(String) }, io),
  },
  {
    name: 'smtp',
    command: 'smtp [server]',
    describe: 'Preflight a submission server: TLS, login, sender and recipients (RCPT without DATA: nothing is sent)',
    positionals: (parser) => parser.positional('server', { type: 'string', describe: 'HOST[:PORT] (port 587 by default; 465 is implicit TLS)' }),
    run: async (args, io) => (await import('./commands/smtp.js')).runSmtp({ ...args, server: args.server === undefined ? undefined : String(args.server) }, io),
  },
  {
    name: 'bounce',
    command: 'bounce [inputs..]',
    rest: 'inputs',
    describe: 'Read bounces (files, folders, mbox, Maildir, - for stdin, or a pasted "554 5.7.1 …" reply line): reason, seed row, the checks that prevent it',
    positionals: (parser) => parser.positional('inputs', { type: 'string', array: true, describe: 'Bounce files, folders, - for stdin, or an SMTP reply line' }),
    run: async (args, io) =>
      (await import('./commands/bounce.js')).runBounce({ ...args, inputs: ((args.inputs as unknown[] | undefined) ?? []).map(String), strict: args.strict === true }, io),
  },
  {
    name: 'init',
    command: 'init',
    describe: 'Write a starting maillint.config.json in the current folder (never overwrites one)',
    positionals: (parser) => parser,
    run: async (_args, io) => (await import('./commands/init.js')).runInit(io),
  },
];

async function buildParser(argv: readonly string[]): Promise<Argv> {
  const { default: yargs } = await import('yargs');
  let parser = yargs([...argv])
    .scriptName('maillint')
    .usage('$0 [lint] <paths..> | domain <names..> | ip <addresses..> | address <addresses..> | smtp <host[:port]> | bounce <inputs..> | rules [id] | init')
    .strict()
    .version((await import('../report/package-info.js')).packageInfo().version)
    .help('help')
    .alias('help', 'h')
    .wrap(Math.min(100, process.stdout.columns || 100))
    // greedy-arrays off: `--rule a=off x.eml` is one rule and one path, not two rules.
    .parserConfiguration({ 'populate--': true, 'greedy-arrays': false })
    .epilogue('Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 usage, config or internal error, 141 the reader of the report went away before its end.');
  for (const spec of COMMANDS) {
    parser = parser.command(spec.command, spec.describe, (inner) => withOptions(spec.positionals(inner), spec.name), () => undefined);
  }
  return parser;
}

export interface Parsed {
  error: Error | undefined;
  args: Arguments | undefined;
  output: string;
}

/** The fast reading of a command line (node:util parseArgs), or undefined when yargs must read it. */
export function parseFast(argv: readonly string[]): Arguments | undefined {
  return parseCommandLine(argv, COMMANDS) as Arguments | undefined;
}

async function parse(argv: readonly string[]): Promise<Parsed> {
  const fast = parseFast(argv);
  if (fast) return { error: undefined, args: fast, output: '' };
  // `maillint --version` alone, as scripts ask it: yargs would print the same after ~50 ms of loading.
  if (argv.length === 1 && argv[0] === '--version') return { error: undefined, args: undefined, output: (await import('../report/package-info.js')).packageInfo().version };
  return parseWithYargs(argv);
}

/** Full yargs parsing (exported so tests can hold the fast path to the same reading). */
export async function parseWithYargs(argv: readonly string[]): Promise<Parsed> {
  const parser = await buildParser(argv);
  return new Promise((resolve) => {
    parser.parse([...argv], {}, (error, args, output) => {
      resolve({ error: error ?? undefined, args: args as unknown as Arguments, output });
    });
  });
}

function commandFor(args: Arguments): CommandSpec {
  const name = String(args._[0] ?? 'lint');
  return COMMANDS.find((spec) => {
    const names = Array.isArray(spec.command) ? spec.command : [spec.command];
    return names.some((command) => command.split(' ')[0] === name);
  }) ?? COMMANDS[0]!;
}

// yargs-parser drops a lone `-`; it stands for stdin, so it is carried through under a name no
// real path can have (NUL) and restored after parsing.
const STDIN_PLACEHOLDER = '\u0000stdin';

function restoreStdin(value: unknown): unknown {
  if (value === STDIN_PLACEHOLDER) return '-';
  return Array.isArray(value) ? value.map((item) => (item === STDIN_PLACEHOLDER ? '-' : item)) : value;
}

/** `maillint lnt x.eml`: a first path that does not exist and is one edit from a command is a typo. */
function refuseMistypedCommand(firstPath: string, io: CliIo): void {
  if (firstPath === '-' || existsSync(resolve(io.cwd, firstPath))) return;
  const command = closestName(firstPath, COMMANDS.map((spec) => spec.name), 1);
  if (command !== undefined) throw new UsageError(`no file or folder named "${firstPath}"; did you mean the command maillint ${command}?`);
}

/** Options by every name they are typed with (`--format`, `-f`), and whether they take a value. */
const TAKES_VALUE = new Map<string, boolean>(
  Object.entries(OPTIONS).flatMap(([name, option]) => {
    const takesValue = !('type' in option && option.type === 'boolean');
    const alias = 'alias' in option ? [[`-${option.alias}`, takesValue] as const] : [];
    return [[`--${name}`, takesValue] as const, ...alias];
  }),
);

/** Where the first word that is not an option or an option's value stands (-1: none). */
function firstWordIndex(argv: readonly string[]): number {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--') return -1;
    if (!arg.startsWith('-') || arg === '-') return index;
    if (!arg.includes('=') && TAKES_VALUE.get(arg) === true) index += 1;
  }
  return -1;
}

/**
 * `maillint --offline domain x` reads as `maillint domain --offline x`: options are per command, so
 * the parser must meet the command word first.
 */
function commandWordFirst(argv: readonly string[]): string[] {
  const index = firstWordIndex(argv);
  if (index <= 0 || !COMMANDS.some((spec) => spec.name === argv[index])) return [...argv];
  return [argv[index]!, ...argv.slice(0, index), ...argv.slice(index + 1)];
}

/** The command a command line names (its first word, when it is one), else lint. */
function commandNamed(argv: readonly string[]): CommandSpec {
  const index = firstWordIndex(argv);
  return COMMANDS.find((spec) => spec.name === argv[index]) ?? COMMANDS[0]!;
}

/** yargs says "Unknown argument: zone"; an option another command takes gets the reason this one refuses it. */
function explainUsageError(message: string, argv: readonly string[]): string {
  // yargs: 'Invalid values:\n  Argument: format, Given: "xml", Choices: "stylish", …' (one line per option).
  const invalid = [...message.matchAll(/Argument: ([\w-]+), Given: (".*?"), Choices: (.+)$/gm)];
  if (message.startsWith('Invalid values:') && invalid.length > 0) {
    return invalid.map(([, name, given, choices]) => `--${name} ${given!.slice(1, -1).slice(0, 40)}: choose one of ${choices!.replaceAll('"', '')}`).join('\n');
  }
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (!unknown) return message;
  const spec = commandNamed(argv);
  const names = unknown[1]!.split(', ').map((name) => name.trim());
  const known = names.filter((name): name is OptionName => name in OPTIONS);
  if (known.length === 0) return message;
  const option = known.map((name) => `--${name}`).join(' and ');
  // A reason is said only of the options it explains (address refuses --zone for want of DNS, --strict for another reason).
  const refusal = REFUSAL_REASONS[spec.name];
  if (refusal && known.every((name) => refusal.when?.(name) ?? true)) return refusal.reason.replace('{option}', option);
  return `the ${spec.name} command does not take ${option}`;
}

/** Options whose values are paths: "" (an unset variable) would resolve to the working folder. */
const PATH_OPTIONS = ['config', 'output', 'zone', 'file', 'ca', 'message', 'password-file'] as const satisfies readonly OptionName[];

function refuseEmptyPaths(args: Arguments): void {
  for (const name of PATH_OPTIONS) {
    const value: unknown = args[name];
    if (value === '' || (Array.isArray(value) && value.includes(''))) throw new UsageError(`--${name}: an empty path was given (an unset variable?)`);
  }
}

/** A single-valued option given twice (`-f json --format sarif`) is a usage error, not a guess at which one wins. */
function refuseRepeatedOptions(args: Arguments, spec: CommandSpec): void {
  for (const name of COMMAND_OPTIONS[spec.name] as readonly OptionName[]) {
    const option = OPTIONS[name];
    if (!('array' in option && option.array) && Array.isArray(args[name])) {
      throw new UsageError(`--${name} was given ${(args[name] as unknown[]).length} times; give it once`);
    }
  }
}

export async function main(givenArgv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const argv = commandWordFirst(givenArgv);
  // The errors printed here echo paths, keys and flags as given: a terminal must not act on them.
  const printError = (text: string): void => io.stderr(escapeControlCharacters(text));
  const dashes = argv.indexOf('--');
  const protectedArgv = argv.map((arg, index) => (arg === '-' && (dashes === -1 || index < dashes) ? STDIN_PLACEHOLDER : arg));
  const { error, args, output } = await parse(protectedArgv);
  if (args) for (const key of Object.keys(args)) args[key] = restoreStdin(args[key]);
  if (error) {
    // `maillint domain -bad-.com`: a name starting with "-" is read as options; say which input.
    const dashed = argv.find((arg, index) => /^-[^-].*\./.test(arg) && (dashes === -1 || index < dashes));
    const hint = dashed === undefined ? '' : `\n${JSON.stringify(dashed)} was read as options because it starts with "-"; to pass it as a name, put it after --`;
    const typed = commandNamed(argv).name;
    const help = typed === 'lint' ? 'maillint --help' : `maillint ${typed} --help`;
    printError(`maillint: ${explainUsageError(error.message, argv)}${hint}\nRun "${help}" for usage.\n`);
    return EXIT_USAGE;
  }
  if (output) {
    io.stdout(`${output}\n`);
    return 0;
  }
  if (!args) return EXIT_USAGE;
  // Everything after `--` is a path (or a name), never an option.
  const afterDashes = (args['--'] as string[] | undefined) ?? [];
  const spec = commandFor(args);
  if (afterDashes.length > 0) {
    if (spec.rest === undefined) {
      printError(`maillint: unexpected arguments after --: ${afterDashes.join(' ')}\n`);
      return EXIT_USAGE;
    }
    args[spec.rest] = [...((args[spec.rest] as string[] | undefined) ?? []), ...afterDashes];
  }
  try {
    refuseRepeatedOptions(args, spec);
    refuseEmptyPaths(args);
    return await spec.run(args, io);
  } catch (failure) {
    if (failure instanceof UsageError || failure instanceof ConfigError) {
      printError(`maillint: ${failure.message}\n`);
      return EXIT_USAGE;
    }
    printError(`maillint: internal error: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}\n`);
    return EXIT_USAGE;
  }
}
