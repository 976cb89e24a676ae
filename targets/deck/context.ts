/** What the deck emitters share while building one file: the shared Kong context (model,
 * diagnostics, Kong's env), plus decK's own needs: ownership tags and load-time env variables. */
import { ownershipTags } from '../../src/emit/index.ts';
import { createKongContext, type KongContext } from '../../src/emit/kong/index.ts';
import type { GatewayModel } from '../../src/model/index.ts';

export const TARGET_ID = 'deck';

export interface DeckContext extends KongContext {
  /** Tags for every entity, so decK's `select_tags` scope covers exactly what aigate wrote. */
  readonly tags: readonly string[];
  /** Variables decK substitutes when it loads the file. */
  readonly deckEnv: Set<string>;
}

export function createDeckContext(model: GatewayModel): DeckContext {
  // decK files carry `vaults:` entities, so HashiCorp and Azure references can resolve.
  const kong = createKongContext(model, TARGET_ID, { vaults: { declared: true } });
  return { ...kong, tags: ownershipTags(model.name), deckEnv: new Set() };
}

/** A Kong entity as decK writes it: the entity's own fields, then aigate's ownership tags. */
export function tagged<T extends object>(ctx: DeckContext, entity: T): T & { readonly tags: readonly string[] } {
  return { ...entity, tags: ctx.tags };
}
