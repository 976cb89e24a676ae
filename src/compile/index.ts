/** Public surface of the compile pipeline. */
export { buildModel, buildProject, loadModel, loadProject, emitTarget, unsupportedFeatures, type BuildOptions, type Project } from './compile.ts';
export { normalise } from './normalise.ts';
export { toSecretRef } from './secret-ref.ts';
