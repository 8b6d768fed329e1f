/** Output files: what a run reads, and the one safe way to write what it was asked for. */
export { filesRead, playbookInput, type InputFile } from './inputs.js';
export { OutputFileError, outputFileError, writeFailure, type OutputTarget } from './output-error.js';
export { checkOutputPath, reportPlace, writeOutput, writeOutputWith, type OutputPlace } from './safe-write.js';
export { writeFileAtomic, writeFileAtomicWith } from './atomic-write.js';
