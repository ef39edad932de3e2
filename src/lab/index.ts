// Public surface of src/lab: lab files -> Lab (types.ts), and the helpers the runner and the
// CLI need. Nothing here knows AWS: a call is a "service:Operation" string.
export * from './types.js';
export { parseLab, parseLabFile, type ParseOptions, type ParseResult } from './parse.js';
export { checkLab, type OperationCatalog } from './check.js';
export { interpolate, lookup, type Scope } from './interpolate.js';
export { parseTemplate, hasVariables, type VarRef, type TemplatePart } from './template.js';
export { listLabs, resolveLab, labNameParts, langCandidates, BASE_LANG, type LabEntry } from './discovery.js';
export { DEFAULT_ACCOUNT } from './front-matter.js';
export { isIdentityPath } from './names.js';
