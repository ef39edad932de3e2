// What every condition-operator family provides. Families live one per file (string, numeric,
// date, bool, binary, ip, arn, null); `registry.ts` joins them, `evaluate.ts` applies the
// rules that are the same for all (missing keys, IfExists, ForAllValues/ForAnyValue, negation).

/** Tests one request value against one (compiled) policy value. */
export type ValueTest = (requestValue: string) => boolean;

export interface BaseOperator {
  /** Negated operators (StringNotEquals, ArnNotLike, NotIpAddress, ...) are compiled as their
   * positive twin; the evaluator negates, and lets them match when the key is absent (IAM UG,
   * "Condition operators": negated operators return true for a missing key). */
  negated: boolean;
  /** Whether `${...}` policy variables are expanded in this operator's values (IAM UG:
   * variables work with the string and ARN operators). */
  variables: boolean;
  /** Compiles a policy value written in this family's own pattern language; null when the value
   * can never match (e.g. "abc" for a numeric operator). */
  compile(pattern: string): ValueTest | null;
  /** Turns literal policy text into the pattern language (default: unchanged). */
  fromLiteral?(text: string): string;
  /** Turns a substituted variable value into the pattern language, so that it matches only
   * itself (default: unchanged). */
  fromValue?(text: string): string;
}

export type OperatorTable = Record<string, BaseOperator>;
