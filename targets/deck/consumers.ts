/** Consumers with their group memberships and key-auth credentials, the consumer groups, and the
 * key-auth plugin that routes use to identify them. */
import type { KeyAuth } from '../../src/model/index.ts';
import type { DeckConsumer, DeckConsumerGroup, DeckPlugin } from './deck-types.ts';
import type { EmitContext } from './context.ts';
import { credentialKey } from './secrets.ts';

export function keyAuthPlugin(ctx: EmitContext, k: KeyAuth): DeckPlugin {
  return {
    name: 'key-auth',
    config: {
      key_names: k.keyNames,
      // Kong's default flipped from false to true between 3.12 and 3.14: always say which.
      hide_credentials: k.hideCredentials,
      key_in_header: k.keyInHeader,
      key_in_query: k.keyInQuery,
      key_in_body: k.keyInBody,
    },
    tags: ctx.tags,
  };
}

export function consumers(ctx: EmitContext): DeckConsumer[] {
  return ctx.model.consumers.map((c) => {
    const keys: { key: string; tags: readonly string[] }[] = [];
    c.credentials.forEach((cred, i) => {
      const key = credentialKey(ctx, cred.key, ['consumers', c.name, 'credentials', i, 'key']);
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

export function consumerGroups(ctx: EmitContext): DeckConsumerGroup[] {
  return ctx.model.consumerGroups.map((g) => ({ name: g.name, tags: ctx.tags }));
}
