/** The `deck` target: Kong declarative config (decK, `_format_version: "3.0"`) for Kong Gateway 3.10–3.15. */
import type { Target } from '../../src/emit/index.ts';
import { emitDeck } from './emit.ts';
import { DECK_FEATURES } from './features.ts';

export const deckTarget: Target = {
  id: 'deck',
  description: 'Kong declarative config for decK: services, routes, AI plugins, consumers, credentials and vaults',
  features: DECK_FEATURES,
  emit: emitDeck,
};
