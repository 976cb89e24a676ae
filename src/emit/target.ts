/** The interface every target implements, and the files it produces. */
import type { Diagnostic, Result } from '../diagnostics/index.ts';
import type { Feature, GatewayModel } from '../model/index.ts';

export interface Artefact {
  /** Relative path of the file, e.g. `deck.yaml`. */
  readonly path: string;
  readonly content: string;
}

export interface Target {
  readonly id: string;
  readonly description: string;
  /** What the target can express; anything else a config uses is `unsupported_by_target`. */
  readonly features: ReadonlySet<Feature>;
  /** Pure: the same model gives the same bytes. */
  emit(model: GatewayModel): Result<readonly Artefact[]>;
}

export type { Diagnostic };
