// The maillint command line. `main` returns the exit code and never calls process.exit, so tests
// run it in-process. Commands are loaded on demand: linting one file loads no DNS code.

import type { Argv } from 'yargs';
import { ConfigError } from '../engine/rules.js';
import { escapeControlCharacters } from '../report/escape.js';
import { parseLintCommandLine } from './fast-path.js';
import { EXIT_USAGE, UsageError, processIo, type CliIo } from './io.js';
import { withCommonOptions, type CommonArguments } from './options.js';

type Arguments = CommonArguments & { _: (string | number)[] } & Record<string, unknown>;

interface CommandSpec {
  command: string | string[];
  describe: string;
  positionals: (parser: Argv) => Argv;
  run: (args: Arguments, io: CliIo) => Promise<number>;
  /** The list positional that arguments after `--` belong to (absent: the command takes none). */
  rest?: string;
}

const COMMANDS: CommandSpec[] = [
  {
    command: ['lint [paths..]', '$0 [paths..]'],
    rest: 'paths',
    describe: 'Lint .eml files, folders (their *.eml files, recursively) or - for stdin',
    positionals: (parser) => parser.positional('paths', { type: 'string', array: true, describe: 'Files, folders, or - for stdin' }),
    run: async (args, io) => {
      const paths = (args.paths as string[] | undefined) ?? [];
      if (paths.length === 0) throw new UsageError('no input: name .eml files or folders, or - to read stdin');
      return (await import('./commands/lint.js')).runLint({ ...args, paths }, io);
    },
  },
  {
    command: 'rules [id]',
    describe: 'List the checks, or print one check\'s documentation',
    positionals: (parser) => parser.positional('id', { type: 'string', describe: 'A check id' }),
    run: async (args, io) => (await import('./commands/rules.js')).runRules({ id: args.id as string | undefined, format: args.format }, io),
  },
  {
    command: 'domain [names..]',
    rest: 'names',
    describe: 'Audit the mail DNS (MX records and their hosts) of domains, live or from --zone files',
    positionals: (parser) =>
      parser
        .positional('names', { type: 'string', array: true, describe: 'Domain names' })
        .option('file', { type: 'string', requiresArg: true, describe: 'Read domains from this file, one a line (# comments; - for stdin)' }),
    run: async (args, io) =>
      (await import('./commands/domain.js')).runDomain(
        {
          ...args,
          names: ((args.names as unknown[] | undefined) ?? []).map(String),
          // `--file -` arrives as the stdin placeholder, as in `ip` below.
          file: args.file === STDIN_PLACEHOLDER ? '-' : (args.file as string | undefined),
        },
        io,
      ),
  },
  {
    command: 'ip [addresses..]',
    rest: 'addresses',
    describe: 'Check sending IP addresses against DNS blocklists (zen.spamhaus.org, bl.spamcop.net, b.barracudacentral.org by default)',
    positionals: (parser) =>
      parser
        .positional('addresses', { type: 'string', array: true, describe: 'IPv4 or IPv6 addresses' })
        .option('file', { type: 'string', requiresArg: true, describe: 'Read addresses from this file, one a line (# comments; - for stdin)' }),
    run: async (args, io) =>
      (await import('./commands/ip.js')).runIp(
        {
          ...args,
          addresses: ((args.addresses as unknown[] | undefined) ?? []).map(String),
          // `--file -` arrives as the stdin placeholder (restoreStdin only maps arrays).
          file: args.file === STDIN_PLACEHOLDER ? '-' : (args.file as string | undefined),
        },
        io,
      ),
  },
  {
    command: 'address [addresses..]',
    rest: 'addresses',
    describe: 'Validate email addresses as written: user@example.com or "Name <user@example.com>"',
    positionals: (parser) => parser.positional('addresses', { type: 'string', array: true, describe: 'Addresses (quote each one for the shell)' }),
    run: async (args, io) =>
      (await import('./commands/address.js')).runAddress({ ...args, addresses: ((args.addresses as unknown[] | undefined) ?? []).map(String) }, io),
  },
  {
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
    .usage('$0 [lint] <paths..> | domain <names..> | ip <addresses..> | address <addresses..> | rules [id] | init')
    .strict()
    .version((await import('../report/package-info.js')).packageInfo().version)
    .help('help')
    .alias('help', 'h')
    .wrap(Math.min(100, process.stdout.columns || 100))
    // greedy-arrays off: `--rule a=off x.eml` is one rule and one path, not two rules.
    .parserConfiguration({ 'populate--': true, 'greedy-arrays': false })
    .epilogue('Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 usage, config or internal error.');
  parser = withCommonOptions(parser);
  for (const spec of COMMANDS) {
    parser = parser.command(spec.command, spec.describe, (inner) => spec.positionals(inner), () => undefined);
  }
  return parser;
}

export interface Parsed {
  error: Error | undefined;
  args: Arguments | undefined;
  output: string;
}

async function parse(argv: readonly string[]): Promise<Parsed> {
  const fast = parseLintCommandLine(argv);
  if (fast) return { error: undefined, args: fast as unknown as Arguments, output: '' };
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
  return Array.isArray(value) ? value.map((item) => (item === STDIN_PLACEHOLDER ? '-' : item)) : value;
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
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
    printError(`maillint: ${error.message}${hint}\nRun "maillint --help" for usage.\n`);
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
