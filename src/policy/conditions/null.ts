// Null (IAM UG, "Condition operators > Condition operator to check existence of condition
// keys"): "true" matches when the key is absent from the request, "false" when it is present.
// It asks about presence, not value, so the evaluator calls it before any value comparison.

export function nullMatches(present: boolean, policyValue: string): boolean {
  const want = policyValue.toLowerCase();
  if (want === 'true') return !present;
  if (want === 'false') return present;
  return false;
}
