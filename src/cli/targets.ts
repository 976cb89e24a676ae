/** The one list of targets: the only module that imports from `targets/`. */
import type { Target } from '../emit/index.ts';
import { deckTarget } from '../../targets/deck/index.ts';
import { kongIngressTarget } from '../../targets/kong-ingress/index.ts';
import { kongOperatorTarget } from '../../targets/kong-operator/index.ts';
import { referenceTarget } from '../../targets/reference/index.ts';

export const TARGETS: readonly Target[] = [deckTarget, kongOperatorTarget, kongIngressTarget, referenceTarget];

export function findTarget(id: string): Target | undefined {
  return TARGETS.find((t) => t.id === id);
}
