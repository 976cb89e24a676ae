/** Public surface of the compile pipeline. */
export { buildModel, loadModel, emitTarget, unsupportedFeatures, type BuildOptions } from './compile.ts';
export { normalise } from './normalise.ts';
export { toSecretRef } from './secret-ref.ts';
