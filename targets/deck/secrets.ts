/** How a key-auth credential's key becomes text in the decK file: decK's own load-time env
 * substitution. Never a secret value. (Referenceable fields use src/emit/kong's vault references.) */
import type { PathSegment } from '../../src/diagnostics/index.ts';
import { reportInline } from '../../src/emit/kong/index.ts';
import type { SecretRef } from '../../src/model/index.ts';
import type { DeckContext } from './context.ts';

/**
 * The value of a key-auth credential's `key`. Kong does not resolve vault references there (the
 * field is not referenceable; a reference would become the literal key), so an env secret goes
 * through decK's load-time substitution, which only reads `DECK_`-prefixed variables.
 */
export function credentialKey(ctx: DeckContext, ref: SecretRef, at: readonly PathSegment[]): string | undefined {
  switch (ref.kind) {
    case 'env': {
      const name = ref.name.startsWith('DECK_') ? ref.name : `DECK_${ref.name}`;
      ctx.deckEnv.add(name);
      return `\${{ env "${name}" }}`;
    }
    case 'inline':
      reportInline(ctx, at);
      return undefined;
    case 'hashicorp':
    case 'aws':
    case 'gcp':
    case 'azure':
      ctx.report(
        'unsupported_by_target',
        at,
        `Kong cannot resolve a ${ref.kind} secret in a key-auth credential: its key field takes no vault reference`,
        'give the key as an env secret; decK substitutes it when it loads the file (as DECK_<NAME>)',
      );
      return undefined;
  }
}
