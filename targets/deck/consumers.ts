/** Consumers with their group memberships, key-auth credentials and policy plugins, and the
 * consumer groups with theirs (decK nests both, FACTS §3). */
import { policyPlugins } from '../../src/emit/kong/index.ts';
import type { DeckConsumer, DeckConsumerGroup } from './deck-types.ts';
import { tagged, type DeckContext } from './context.ts';
import { credentialKey } from './secrets.ts';

export function consumers(ctx: DeckContext): DeckConsumer[] {
  return ctx.model.consumers.map((c) => {
    const keys: { key: string; tags: readonly string[] }[] = [];
    c.credentials.forEach((cred, i) => {
      const key = credentialKey(ctx, cred.key, ['consumers', c.name, 'keys', i]);
      if (key !== undefined) keys.push({ key, tags: ctx.tags });
    });
    const plugins = policyPlugins(ctx, { scope: 'consumer', name: c.name }).map((p) => tagged(ctx, p));
    return {
      username: c.name,
      custom_id: c.customId,
      tags: ctx.tags,
      groups: c.groups.length > 0 ? c.groups.map((name) => ({ name })) : undefined,
      keyauth_credentials: keys.length > 0 ? keys : undefined,
      plugins: plugins.length > 0 ? plugins : undefined,
    };
  });
}

export function consumerGroups(ctx: DeckContext): DeckConsumerGroup[] {
  return ctx.model.consumerGroups.map((g) => {
    const plugins = policyPlugins(ctx, { scope: 'consumer-group', name: g.name }).map((p) => tagged(ctx, p));
    return { name: g.name, tags: ctx.tags, plugins: plugins.length > 0 ? plugins : undefined };
  });
}
