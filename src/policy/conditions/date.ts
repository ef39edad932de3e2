// Date condition operators (IAM UG, "Condition operators > Date condition operators"): values
// are W3C/ISO 8601 dates ("2020-01-01T00:00:00Z", "2020-01-01") or epoch seconds.
import type { BaseOperator, OperatorTable } from './operator.js';

const EPOCH = /^-?\d+(\.\d+)?$/;

/** Milliseconds since the epoch, or NaN. */
export function parseDate(text: string): number {
  const t = text.trim();
  if (EPOCH.test(t)) return Number(t) * 1000;
  return Date.parse(t);
}

type Compare = (request: number, policy: number) => boolean;

const date = (compare: Compare, negated = false): BaseOperator => ({
  negated,
  variables: false,
  compile: (p) => {
    const ms = parseDate(p);
    if (Number.isNaN(ms)) return null;
    return (v) => {
      const x = parseDate(v);
      return !Number.isNaN(x) && compare(x, ms);
    };
  },
});

export const dateOperators: OperatorTable = {
  DateEquals: date((a, b) => a === b),
  DateNotEquals: date((a, b) => a === b, true),
  DateLessThan: date((a, b) => a < b),
  DateLessThanEquals: date((a, b) => a <= b),
  DateGreaterThan: date((a, b) => a > b),
  DateGreaterThanEquals: date((a, b) => a >= b),
};
