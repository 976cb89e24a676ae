/** The reference proxy's bundle: a model wrapped with a format tag and version, so a proxy can
 * refuse a bundle it does not understand instead of misreading it. */
import { MODEL_FORMAT_VERSION, type GatewayModel } from './gateway.ts';

export const BUNDLE_FORMAT = 'aigate-reference-bundle';
/** Bumped with any change a proxy of the previous version would misread. */
export const BUNDLE_VERSION = 1;

export interface ReferenceBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly bundleVersion: typeof BUNDLE_VERSION;
  readonly modelFormatVersion: typeof MODEL_FORMAT_VERSION;
  readonly gateway: GatewayModel;
}

export function toBundle(gateway: GatewayModel): ReferenceBundle {
  return { format: BUNDLE_FORMAT, bundleVersion: BUNDLE_VERSION, modelFormatVersion: MODEL_FORMAT_VERSION, gateway };
}
