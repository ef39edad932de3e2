// Checks of the small strings in an action: operation names, error codes, save names and
// JMESPath expressions. Each returns a message for the author, or undefined when fine.
import jmespath from 'jmespath';
import { hasVariables, withStandIns } from './template.js';

const CALL = /^[a-z][a-z0-9-]*:[A-Z][A-Za-z0-9]*$/;

export function callProblem(call: string): string | undefined {
  if (CALL.test(call)) return undefined;
  if (/^aws\s/.test(call)) return `call: ${call} is an AWS CLI command: write it as run: ${call}`;
  const m = /^\s*([^:\s]+)\s*:\s*([^:\s]+)\s*$/.exec(call);
  if (m) {
    // iam:create-role, IAM:createRole -> iam:CreateRole
    const op = m[2]!
      .split(/[-_]/)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('');
    const fixed = `${m[1]!.toLowerCase()}:${op}`;
    if (CALL.test(fixed)) return `call: write ${fixed}, not ${call} (service in lower case, operation as in the API)`;
  }
  return `call: ${call} must look like service:Operation, e.g. iam:CreateRole`;
}

const ERROR_CODE = /^[A-Z][A-Za-z0-9]*(?:[._-][A-Za-z0-9]+)*$/;

export function errorCodeProblem(code: string): string | undefined {
  if (ERROR_CODE.test(code) || hasVariables(code)) return undefined;
  if (/^(success|ok|pass|succeeds?)$/i.test(code)) {
    return `"${code}" is not an error code: success is what an action expects by default, so leave expect out`;
  }
  return `"${code}" is not an error code: codes look like AccessDenied, NoSuchEntity or InvalidInstanceID.NotFound`;
}

export const BUILTINS = ['prefix', 'region', 'runId', 'accounts'] as const;
const SAVE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function saveNameProblem(name: string): string | undefined {
  if (!SAVE_NAME.test(name)) {
    return `save name ${name} must be letters, digits and _ (it is used as \${${name}})`;
  }
  if ((BUILTINS as readonly string[]).includes(name)) return `save name ${name} is a built-in variable: choose another`;
  return undefined;
}

/** A saved value is an identity (usable in `as:`) when its path ends in AccessKey or
 * Credentials: the outputs of iam:CreateAccessKey and sts:AssumeRole. */
export function isIdentityPath(path: string): boolean {
  return /(?:^|\.)(?:AccessKey|Credentials)$/.test(path.trim());
}

const compile = (jmespath as unknown as { compile(expr: string): unknown }).compile;

export function jmespathProblem(expr: string): string | undefined {
  try {
    // References are filled in at run time: check the syntax with stand-ins.
    compile(hasVariables(expr) ? withStandIns(expr, 'x') : expr);
    return undefined;
  } catch (e) {
    return `bad JMESPath ${expr}: ${(e as Error).message}`;
  }
}
