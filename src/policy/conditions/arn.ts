// ARN condition operators (IAM UG, "Condition operators > Amazon Resource Name (ARN) condition
// operators"): ArnEquals and ArnLike behave the same — the value is compared segment by
// segment (partition, service, region, account, resource), case-sensitively, and `*`/`?` match
// within one segment only.
import { compileGlob, type Matcher } from '../wildcard.js';
import type { BaseOperator, OperatorTable } from './operator.js';

/** Splits an ARN into its six parts (the resource part keeps its own colons). */
export function splitArn(arn: string): string[] | null {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return null;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts[0] === 'arn' ? parts : null;
}

const arnOperator = (negated: boolean): BaseOperator => ({
  negated,
  variables: true,
  compile: (p) => {
    if (p === '*') return () => true;
    const parts = splitArn(p);
    if (!parts) return null;
    const segments: Matcher[] = parts.map((s) => compileGlob(s));
    return (v) => {
      const got = splitArn(v);
      return got !== null && segments.every((m, i) => m(got[i]!));
    };
  },
});

export const arnOperators: OperatorTable = {
  ArnEquals: arnOperator(false),
  ArnLike: arnOperator(false),
  ArnNotEquals: arnOperator(true),
  ArnNotLike: arnOperator(true),
};
