import { defineCheck } from '../src/define-check.js';
import { formatInstant } from '../src/message/date-format.js';
import { senderDateFields } from '../src/message/date-fields.js';
import { locateInField } from '../src/message/header-section.js';
import type { Finding } from '../src/types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "3 days 4 hours", "5 hours 30 minutes": coarse enough to read, exact enough to act on. */
function describeDuration(milliseconds: number): string {
  const minutes = Math.round(milliseconds / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const unit = (count: number, name: string): string => `${count} ${name}${count === 1 ? '' : 's'}`;
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0) return rest > 0 ? `${unit(hours, 'hour')} ${unit(rest, 'minute')}` : unit(hours, 'hour');
  return unit(rest, 'minute');
}

export default defineCheck({
  id: 'date-skew',
  title: 'Date header is far in the future or the past',
  target: 'message',
  defaultSeverity: 'warn',
  prevents: 'spam scoring for a Date far from the time of receipt (SpamAssassin DATE_IN_FUTURE_*, DATE_IN_PAST_*) and mis-sorted mail',
  references: ['RFC 5322 3.6.1', 'RFC 6409 8.2'],
  needs: [],
  options: {
    maxFutureHours: {
      type: 'number',
      default: 2,
      minimum: 0,
      description: 'hours a Date may lie ahead of now before it is reported',
    },
    maxPastDays: {
      type: 'number',
      default: 4,
      minimum: 0,
      description: 'days a Date may lie behind now before it is reported',
    },
  },
  run({ message, options, now }) {
    const maxFutureMs = options.maxFutureHours * HOUR_MS;
    const maxPastMs = options.maxPastDays * DAY_MS;
    const findings: Finding[] = [];
    for (const { field, result } of senderDateFields(message)) {
      if (field.lowerName !== 'date') continue; // the spam rules it mirrors (DATE_IN_FUTURE_*, DATE_IN_PAST_*) read Date only
      if (!result.ok) continue; // date-invalid reports it
      const skewMs = result.value.instant.getTime() - now.getTime();
      const fix = `set Date when the message is sent, e.g. "Date: ${formatInstant(now)}"`;
      const location = locateInField(field, Math.max(0, field.value.search(/\S/)));
      if (skewMs > maxFutureMs) {
        findings.push({
          message:
            `Date is ${describeDuration(skewMs)} in the future (more than ${options.maxFutureHours} hours): ` +
            'spam filters score mail dated ahead of its arrival; check the sending clock and the time zone',
          ...location,
          fix,
          data: { skewHours: skewMs / HOUR_MS },
        });
      } else if (-skewMs > maxPastMs) {
        findings.push({
          message:
            `Date is ${describeDuration(-skewMs)} in the past (more than ${options.maxPastDays} days): ` +
            'spam filters score mail dated long before its arrival, and it sorts below newer mail',
          ...location,
          fix,
          data: { skewHours: skewMs / HOUR_MS },
        });
      }
    }
    return findings;
  },
});
