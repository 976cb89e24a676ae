/** The key-auth plugin that routes use to identify consumers by API key. */
import type { KeyAuth } from '../../model/index.ts';
import type { KeyAuthConfig, KongPlugin } from './plugin-types.ts';

export function keyAuthPlugin(k: KeyAuth): KongPlugin<KeyAuthConfig> {
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
  };
}
