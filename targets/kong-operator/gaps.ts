/** What an AIGateway has no place for at all: consumers, consumer groups, and AI policies other
 * than a route's prepended prompts. Each use is reported with its config path. */
import { policyUses } from '../../src/model/index.ts';
import type { OperatorContext } from './context.ts';

// kong-ingress writes every policy as KongPlugins for the same Kong, so it is the way out.
const POLICY_HINT = 'compile with --target kong-ingress (KongPlugins on KIC or Kong Operator) or --target deck, or remove it';

export function reportGaps(ctx: OperatorContext): void {
  for (const c of ctx.model.consumers) {
    ctx.cannot(['consumers', c.name], `an AIGateway has no consumers or API keys, so consumer "${c.name}" cannot be expressed`);
    if (c.groups.length > 0) ctx.cannot(['consumers', c.name, 'groups'], 'an AIGateway has no consumer groups');
  }
  for (const g of ctx.model.consumerGroups) ctx.cannot(['consumerGroups', g.name], 'an AIGateway has no consumer groups');
  for (const use of policyUses(ctx.model)) {
    // A route's prompt decorator becomes defaultPrompts (models.ts).
    if (use.scope === 'route' && use.kind === 'promptDecorator') continue;
    const where = use.scope === 'route' ? '' : ` at ${use.scope === 'global' ? 'gateway' : use.scope} level`;
    ctx.report('unsupported_by_target', use.path, `an AIGateway cannot express the ${use.kind} policy${where}`, POLICY_HINT);
  }
}
