// Numeric condition operators (IAM UG, "Condition operators > Numeric condition operators").
// Values that are not numbers never match (on either side).
import type { BaseOperator, OperatorTable } from './operator.js';

type Compare = (request: number, policy: number) => boolean;

function toNumber(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

const numeric = (compare: Compare, negated = false): BaseOperator => ({
  negated,
  variables: false,
  compile: (p) => {
    const n = toNumber(p);
    if (Number.isNaN(n)) return null;
    return (v) => {
      const x = toNumber(v);
      return !Number.isNaN(x) && compare(x, n);
    };
  },
});

export const numericOperators: OperatorTable = {
  NumericEquals: numeric((a, b) => a === b),
  NumericNotEquals: numeric((a, b) => a === b, true),
  NumericLessThan: numeric((a, b) => a < b),
  NumericLessThanEquals: numeric((a, b) => a <= b),
  NumericGreaterThan: numeric((a, b) => a > b),
  NumericGreaterThanEquals: numeric((a, b) => a >= b),
};
