/** Public surface of the compile pipeline. */
export { buildModel, loadModel, emitTarget, unsupportedFeatures } from './compile.ts';
export { normalise, toSecretRef } from './normalise.ts';
