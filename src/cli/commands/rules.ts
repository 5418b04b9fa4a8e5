import { readUtf8File } from '../../input/file-system.js';
import { allChecks } from '../../../checks/index.js';
import { checkDocPath } from '../../engine/docs.js';
import { INPUT_FINDINGS } from '../../engine/input-findings.js';
import { PROFILE_SEVERITIES } from '../../engine/rules.js';
import type { Check } from '../../types.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';
import { closestName } from '../../suggest.js';
import { compareAscii } from '../../message/fields.js';

const templateSeverities = PROFILE_SEVERITIES.template;

/** A check's metadata as `rules --format json` prints it. */
function describe({ id, title, target, defaultSeverity, prevents, references, options }: Check): Record<string, unknown> {
  return {
    id,
    title,
    target,
    defaultSeverity,
    ...(templateSeverities[id] ? { templateSeverity: templateSeverities[id] } : {}),
    prevents,
    references,
    ...(options ? { options } : {}),
  };
}

const SEVERITY_PHRASES = { error: 'an error', warn: 'a warning', info: 'info' } as const;

/** `maillint rules`: every check with its target, default severity and title; `rules <id>`: its doc page. */
export async function runRules(args: { id?: string | undefined; format: string }, io: CliIo): Promise<number> {
  if (args.format !== 'stylish' && args.format !== 'json') {
    throw new UsageError(`the rules command prints text or JSON: --format stylish or --format json, not ${args.format}`);
  }
  if (args.id) {
    const check = allChecks.find((candidate) => candidate.id === args.id);
    const inputFinding = INPUT_FINDINGS[args.id];
    if (!check && inputFinding) {
      const { title, severity, explanation, raisedBy } = inputFinding;
      const verdict = raisedBy ? `It is ${SEVERITY_PHRASES[severity]}, an error with ${raisedBy}.` : `It is always ${SEVERITY_PHRASES[severity]}.`;
      io.stdout(
        args.format === 'json'
          ? `${JSON.stringify({ id: args.id, title, target: 'input', defaultSeverity: severity, explanation }, null, 2)}\n`
          : `# ${args.id}\n\n${title}. This is not a check: ${explanation} ${verdict}\n`,
      );
      return EXIT_OK;
    }
    if (!check) {
      const guess = closestName(args.id, [...allChecks.map((candidate) => candidate.id), ...Object.keys(INPUT_FINDINGS)]);
      throw new UsageError(`unknown check id "${args.id}"${guess ? `; did you mean ${guess}?` : ''} (see \`maillint rules\`)`);
    }
    const page = await readUtf8File(checkDocPath(check.id));
    io.stdout(args.format === 'json' ? `${JSON.stringify({ ...describe(check), documentation: page }, null, 2)}\n` : page);
    return EXIT_OK;
  }
  if (args.format === 'json') {
    io.stdout(`${JSON.stringify(allChecks.map(describe), null, 2)}\n`);
    return EXIT_OK;
  }
  const width = Math.max(...allChecks.map((check) => check.id.length));
  const lines = [...allChecks]
    .sort((a, b) => compareAscii(a.target, b.target) || compareAscii(a.id, b.id))
    .map((check) => {
      const profileNote = templateSeverities[check.id] ? `  (--profile template: ${templateSeverities[check.id]})` : '';
      return `${check.id.padEnd(width)}  ${check.target.padEnd(7)}  ${check.defaultSeverity.padEnd(5)}  ${check.title}${profileNote}\n`;
    });
  // One write, not one per check: each is a system call, and 77 of them were 5 ms of a 25 ms run.
  io.stdout(lines.join(''));
  return EXIT_OK;
}
