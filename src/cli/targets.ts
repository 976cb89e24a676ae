/** The one list of targets: the only module that imports from `targets/`. */
import { error, type Diagnostic } from '../diagnostics/index.ts';
import type { Target } from '../emit/index.ts';
import { deckTarget } from '../../targets/deck/index.ts';
import { kongIngressTarget } from '../../targets/kong-ingress/index.ts';
import { kongOperatorTarget } from '../../targets/kong-operator/index.ts';
import { referenceTarget } from '../../targets/reference/index.ts';
import { portkeyTarget } from '../../targets/portkey/index.ts';
import { kongIngressSync } from '../../targets/kong-ingress/sync.ts';
import { kongOperatorSync } from '../../targets/kong-operator/sync.ts';
import type { KubernetesTargetSync } from '../sync/kubernetes/spec.ts';

export const TARGETS: readonly Target[] = [deckTarget, kongOperatorTarget, kongIngressTarget, referenceTarget, portkeyTarget];
// Conformance points Portkey's targets at the mock providers, which the plain Target cannot say.
export { compilePortkey } from '../../targets/portkey/index.ts';

export function findTarget(id: string): Target | undefined {
  return TARGETS.find((t) => t.id === id);
}

/** What every command says when `--target` names no target. */
export function unknownTarget(id: string): Diagnostic {
  return error('target_unknown', [], `unknown target "${id}"`, `targets: ${TARGETS.map((t) => t.id).join(', ')}`);
}

/** How each target is synced: Kubernetes targets say which kinds they write and which Secrets
 * they need; `deck` syncs to DB-less Kong and `reference` to a running proxy (src/cli/live.ts). */
export const KUBERNETES_SYNC: Readonly<Record<string, KubernetesTargetSync>> = {
  'kong-ingress': kongIngressSync,
  'kong-operator': kongOperatorSync,
};
