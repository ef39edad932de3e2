// BinaryEquals (IAM UG, "Condition operators > Binary condition operators"): the policy holds
// the base-64 encoding of the value; the request value is compared in that same encoding.
import type { OperatorTable } from './operator.js';

export const binaryOperators: OperatorTable = {
  BinaryEquals: {
    negated: false,
    variables: false,
    compile: (p) => (v) => v === p,
  },
};
