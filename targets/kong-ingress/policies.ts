/** What this target cannot write yet and must say so rather than drop: AI policies. */
import { policyUses } from '../../src/model/index.ts';
import type { IngressContext } from './context.ts';

export function reportPolicies(ctx: IngressContext): void {
  for (const use of policyUses(ctx.model)) {
    ctx.report(
      'unsupported_by_target',
      use.path,
      `the ${ctx.target} target cannot express the ${use.kind} policy yet`,
      'remove it, or compile for the reference target until the Kong targets write AI policies',
    );
  }
}
