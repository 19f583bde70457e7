/**
 * The sensitive-values module lives in ./sensitive/ (its index.ts is the public face). This file
 * only keeps `from '../sensitive.ts'` imports working until they name the folder's index.ts.
 */
export * from './sensitive/index.ts';
