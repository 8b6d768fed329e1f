/** Output files: what a run reads, and the one safe way to write what it was asked for. */
export { filesRead, playbookInput, type InputFile } from './inputs.js';
export { OutputFileError, outputFileError, writeFailure, type OutputTarget } from './output-error.js';
export { checkOutputPath, reportPlace, writeOutput, type OutputPlace } from './safe-write.js';
export { writeFileAtomic } from './atomic-write.js';
