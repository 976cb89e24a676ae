/** What the deck emitters share while building one file: the model, the diagnostics found so far,
 * and what the file turned out to need (vaults, environment variables). */
import { error, type Diagnostic, type DiagnosticCode, type PathSegment } from '../../src/diagnostics/index.ts';
import { ownershipTags } from '../../src/emit/index.ts';
import type { GatewayModel, KongVersion } from '../../src/model/index.ts';

export const TARGET_ID = 'deck';

export interface EmitContext {
  readonly model: GatewayModel;
  readonly version: KongVersion;
  /** Tags for every entity, so decK's `select_tags` scope covers exactly what aigate wrote. */
  readonly tags: readonly string[];
  readonly diagnostics: Diagnostic[];
  /** Variables Kong's `env` vault reads on the gateway nodes. */
  readonly kongEnv: Set<string>;
  /** Variables decK substitutes when it loads the file. */
  readonly deckEnv: Set<string>;
  report(code: DiagnosticCode, path: readonly PathSegment[], message: string, hint?: string): void;
}

export function createContext(model: GatewayModel): EmitContext {
  const diagnostics: Diagnostic[] = [];
  // A provider or model shared by several routes is emitted several times; say each problem once.
  const seen = new Set<string>();
  return {
    model,
    version: model.kong.version,
    tags: ownershipTags(model.name),
    diagnostics,
    kongEnv: new Set(),
    deckEnv: new Set(),
    report(code, path, message, hint) {
      const key = JSON.stringify([code, path, message]);
      if (seen.has(key)) return;
      seen.add(key);
      diagnostics.push({ ...error(code, path, message, hint), target: TARGET_ID });
    },
  };
}
