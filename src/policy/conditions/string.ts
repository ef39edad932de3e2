// String condition operators (IAM UG, "Condition operators > String condition operators").
// Equals is case-sensitive; IgnoreCase folds case; Like takes `*` and `?` anywhere in the value
// (they may cross `:` and `/`, unlike in ARNs).
import { escapeRegex, globSource } from '../wildcard.js';
import type { BaseOperator, OperatorTable } from './operator.js';

const equals = (negated: boolean): BaseOperator => ({
  negated,
  variables: true,
  compile: (p) => (v) => v === p,
});

const equalsIgnoreCase = (negated: boolean): BaseOperator => ({
  negated,
  variables: true,
  compile: (p) => {
    const lower = p.toLowerCase();
    return (v) => v.length === lower.length && v.toLowerCase() === lower;
  },
});

const like = (negated: boolean): BaseOperator => ({
  negated,
  variables: true,
  // The pattern language is a regex source, so a variable's value (escaped) never acts as a
  // wildcard while the policy's own `*` and `?` do.
  fromLiteral: globSource,
  fromValue: escapeRegex,
  compile: (source) => {
    if (source === '.*') return () => true;
    const re = new RegExp(`^${source}$`, 's');
    return (v) => re.test(v);
  },
});

export const stringOperators: OperatorTable = {
  StringEquals: equals(false),
  StringNotEquals: equals(true),
  StringEqualsIgnoreCase: equalsIgnoreCase(false),
  StringNotEqualsIgnoreCase: equalsIgnoreCase(true),
  StringLike: like(false),
  StringNotLike: like(true),
};
