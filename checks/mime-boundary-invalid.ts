import { defineCheck } from '../src/define-check.js';
import { locateInField } from '../src/message/header-section.js';
import { parameterOf } from '../src/mime/parameters.js';
import type { Finding } from '../src/types.js';

// RFC 2046 5.1.1: 1 to 70 characters from bchars, not ending in a space. Readers mostly cope with a
// long or odd boundary (a warning); a boundary that turns up inside the content splits the message
// in the wrong place, and prefix-matching readers (many) end an outer part at an inner delimiter
// that begins with the outer boundary: text is mangled, an error.

const BCHARS = /^[0-9A-Za-z'()+_,\-./:=? ]*$/;
const MAX_BOUNDARY_LENGTH = 70;

export default defineCheck({
  id: 'mime-boundary-invalid',
  title: 'Multipart boundary breaks RFC 2046, or occurs inside the content',
  target: 'message',
  defaultSeverity: 'error',
  prevents: 'parts cut in the wrong place or merged (attachments lost, text shown raw); 550 5.6.0 invalid content rejections',
  references: ['RFC 2046 5.1.1'],
  needs: [],
  run({ mime }) {
    const findings: Finding[] = [];
    for (const entity of mime.entities) {
      if (!entity.mediaType.startsWith('multipart/') || !entity.contentType) continue;
      const parameter = parameterOf(entity.contentType, 'boundary');
      if (!parameter || parameter.value === '') continue;
      const boundary = parameter.value;
      const reasons: string[] = [];
      if (boundary.length > MAX_BOUNDARY_LENGTH) reasons.push(`it is ${boundary.length} characters long (at most ${MAX_BOUNDARY_LENGTH})`);
      const bad = [...boundary].find((character) => !BCHARS.test(character));
      if (bad !== undefined) reasons.push(`it holds ${JSON.stringify(bad)}, which is not one of the characters a boundary may hold`);
      else if (boundary.endsWith(' ')) reasons.push('it ends in a space');
      if (reasons.length > 0) {
        findings.push({
          ...locateInField(entity.contentType.field, parameter.index),
          severity: 'warn',
          message: `the boundary of ${entity.label} breaks RFC 2046 5.1.1: ${reasons.join('; ')}; strict readers and filters do not split it`,
          fix: 'use a boundary of letters, digits and "_-.=" of at most 70 characters, e.g. "=_part_0f3c9a"',
          data: { part: entity.path, boundary },
        });
      }
    }
    for (const problem of mime.problems) {
      if (problem.kind === 'boundary-in-content') {
        findings.push({
          line: problem.line,
          column: 1,
          message: `a line in ${problem.entity} starts with "--${problem.boundary}", the delimiter of an enclosing multipart, but is not one: readers that match the boundary as a prefix split the message here`,
          fix: 'choose a boundary that occurs nowhere in the content (a random one, as mail libraries generate), or encode the part (quoted-printable or base64)',
          data: { boundary: problem.boundary },
        });
      } else if (problem.kind === 'boundary-prefix') {
        findings.push({
          line: problem.line,
          message: `the boundary ${JSON.stringify(problem.boundary)} of ${problem.entity} and the enclosing boundary ${JSON.stringify(problem.enclosing)} begin alike: readers that match a boundary as a prefix end the outer part at the inner delimiter`,
          fix: 'give each multipart a boundary that is not the start of another (random boundaries of equal length never are)',
          data: { boundary: problem.boundary, enclosing: problem.enclosing },
        });
      }
    }
    return findings;
  },
});
