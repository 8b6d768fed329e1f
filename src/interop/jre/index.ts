/** The json-rules-engine export: build it, compute its facts, run it. */
export { exportJsonRulesEngine } from './export.js';
export { type FactValue, type JsonRecord, RecordError, factModule, recordFacts } from './facts.js';
export { registerOperators, operatorTable } from './operators.js';
export { type Decision, decide, decider, engineFor } from './decide.js';
export type { FactSpec, JreCondition, JreExport, JreRule, NotExported, SubjectExport } from './types.js';
