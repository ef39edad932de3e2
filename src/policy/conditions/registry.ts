// All condition operators by name, and the parsing of an operator as written in a policy:
// `[ForAllValues:|ForAnyValue:]Base[IfExists]`.
import { arnOperators } from './arn.js';
import { binaryOperators } from './binary.js';
import { boolOperators } from './bool.js';
import { dateOperators } from './date.js';
import { ipOperators } from './ip.js';
import { numericOperators } from './numeric.js';
import type { BaseOperator } from './operator.js';
import { stringOperators } from './string.js';

const operators: Record<string, BaseOperator> = {
  ...stringOperators,
  ...numericOperators,
  ...dateOperators,
  ...boolOperators,
  ...binaryOperators,
  ...ipOperators,
  ...arnOperators,
};

export interface ParsedOperator {
  /** 'any' for ForAnyValue:, 'all' for ForAllValues:. */
  setOp?: 'any' | 'all';
  ifExists: boolean;
  /** Absent for Null, which is about presence rather than values. */
  base?: BaseOperator;
  baseName: string;
}

export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name;
  let setOp: ParsedOperator['setOp'];
  if (rest.startsWith('ForAnyValue:')) {
    setOp = 'any';
    rest = rest.slice('ForAnyValue:'.length);
  } else if (rest.startsWith('ForAllValues:')) {
    setOp = 'all';
    rest = rest.slice('ForAllValues:'.length);
  }
  const ifExists = rest.endsWith('IfExists');
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  if (rest === 'Null') return { setOp, ifExists, baseName: rest };
  const base = operators[rest];
  return base ? { setOp, ifExists, base, baseName: rest } : undefined;
}
