/** Consumers with their group memberships and key-auth credentials, and the consumer groups. */
import type { DeckConsumer, DeckConsumerGroup } from './deck-types.ts';
import type { DeckContext } from './context.ts';
import { credentialKey } from './secrets.ts';

export function consumers(ctx: DeckContext): DeckConsumer[] {
  return ctx.model.consumers.map((c) => {
    const keys: { key: string; tags: readonly string[] }[] = [];
    c.credentials.forEach((cred, i) => {
      const key = credentialKey(ctx, cred.key, ['consumers', c.name, 'keys', i]);
      if (key !== undefined) keys.push({ key, tags: ctx.tags });
    });
    return {
      username: c.name,
      custom_id: c.customId,
      tags: ctx.tags,
      groups: c.groups.length > 0 ? c.groups.map((name) => ({ name })) : undefined,
      keyauth_credentials: keys.length > 0 ? keys : undefined,
    };
  });
}

export function consumerGroups(ctx: DeckContext): DeckConsumerGroup[] {
  return ctx.model.consumerGroups.map((g) => ({ name: g.name, tags: ctx.tags }));
}
