/** What the Kong emitters share while building one target's output: the model, the diagnostics
 * found so far (tagged with the target), and what the output turned out to need from Kong's
 * environment. Target-agnostic: each Kong target creates one and may extend it. */
import { error, warning, type Diagnostic, type DiagnosticCode, type PathSegment } from '../../diagnostics/index.ts';
import type { GatewayModel, KongVersion } from '../../model/index.ts';

/** Whether the output can declare Kong vault entities, which HashiCorp and Azure references need. */
export type VaultSupport = { readonly declared: true } | { readonly declared: false; readonly hint: string };

export interface KongContextOptions {
  readonly vaults: VaultSupport;
}

export interface KongContext {
  readonly model: GatewayModel;
  /** The target id every diagnostic carries. */
  readonly target: string;
  readonly version: KongVersion;
  readonly vaults: VaultSupport;
  readonly diagnostics: Diagnostic[];
  /** Variables Kong's `env` vault reads on the gateway nodes. */
  readonly kongEnv: Set<string>;
  report(code: DiagnosticCode, path: readonly PathSegment[], message: string, hint?: string): void;
  warn(code: DiagnosticCode, path: readonly PathSegment[], message: string, hint?: string): void;
}

const NO_VAULTS: KongContextOptions = {
  vaults: { declared: false, hint: 'use an env, aws or gcp secret reference here' },
};

export function createKongContext(model: GatewayModel, target: string, options: KongContextOptions = NO_VAULTS): KongContext {
  const diagnostics: Diagnostic[] = [];
  // A provider or model shared by several routes is emitted several times; say each problem once.
  const seen = new Set<string>();
  const add = (d: Diagnostic) => {
    const key = JSON.stringify([d.code, d.severity, d.path, d.message]);
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push({ ...d, target });
  };
  return {
    model,
    target,
    version: model.kong.version,
    vaults: options.vaults,
    diagnostics,
    kongEnv: new Set(),
    report(code, path, message, hint) {
      add(error(code, path, message, hint));
    },
    warn(code, path, message, hint) {
      add(warning(code, path, message, hint));
    },
  };
}
