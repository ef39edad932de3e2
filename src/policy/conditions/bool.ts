// Bool (IAM UG, "Condition operators > Boolean condition operators"): "true"/"false",
// compared without regard to case.
import type { OperatorTable } from './operator.js';

export const boolOperators: OperatorTable = {
  Bool: {
    negated: false,
    variables: false,
    compile: (p) => {
      const want = p.toLowerCase();
      if (want !== 'true' && want !== 'false') return null;
      return (v) => v.toLowerCase() === want;
    },
  },
};
