export { type CommitOptions, type CommitResult, commitImport } from './commit';
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './file-guard';
export { previewImport } from './preview';
export type * from './types';
