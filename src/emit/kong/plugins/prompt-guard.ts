/** The promptGuard policy as ai-prompt-guard: regex allow and deny lists. */
import type { PromptGuardPolicy } from '../../../model/index.ts';
import { MAX_REQUEST_BODY_SIZE } from '../body-size.ts';
import type { KongPlugin } from '../plugin-types.ts';

export interface PromptGuardConfig {
  readonly allow_patterns?: readonly string[];
  readonly deny_patterns?: readonly string[];
  readonly allow_all_conversation_history: boolean;
  readonly match_all_roles: boolean;
  readonly max_request_body_size: number;
}

export function promptGuardPlugin(g: PromptGuardPolicy): KongPlugin<PromptGuardConfig> {
  return {
    name: 'ai-prompt-guard',
    config: {
      // An empty list is left out: Kong asks for at least one list, and an empty one is no list.
      allow_patterns: g.allow.length > 0 ? g.allow : undefined,
      deny_patterns: g.deny.length > 0 ? g.deny : undefined,
      // Kong's name reads backwards: true means only the latest message is checked.
      allow_all_conversation_history: g.latestOnly,
      match_all_roles: g.matchAllRoles,
      max_request_body_size: MAX_REQUEST_BODY_SIZE,
    },
  };
}
