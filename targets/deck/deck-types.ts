/** The slice of decK's file format (`_format_version: "3.0"`) this target writes, as TypeScript
 * types. Kong's own shapes (plugin configs, vaults) come from src/emit/kong; decK adds tags. */
import type { KongPlugin, KongVaultEntity } from '../../src/emit/kong/index.ts';

export interface DeckFile {
  readonly _format_version: '3.0';
  readonly _info: { readonly select_tags: readonly string[] };
  readonly services?: readonly DeckService[];
  readonly consumers?: readonly DeckConsumer[];
  readonly consumer_groups?: readonly DeckConsumerGroup[];
  /** Global plugins: no foreign key, so Kong runs them on every route. */
  readonly plugins?: readonly DeckPlugin[];
  readonly vaults?: readonly DeckVault[];
}

export interface Tagged {
  readonly tags: readonly string[];
}

export interface DeckService extends Tagged {
  readonly name: string;
  readonly url: string;
  readonly routes: readonly DeckRoute[];
}

export interface DeckRoute extends Tagged {
  readonly name: string;
  readonly paths: readonly string[];
  readonly strip_path: boolean;
  readonly plugins: readonly DeckPlugin[];
}

export type DeckPlugin = KongPlugin & Tagged;

export interface DeckConsumer extends Tagged {
  readonly username: string;
  readonly custom_id?: string;
  readonly groups?: readonly { readonly name: string }[];
  readonly keyauth_credentials?: readonly ({ readonly key: string } & Tagged)[];
  readonly plugins?: readonly DeckPlugin[];
}

export interface DeckConsumerGroup extends Tagged {
  readonly name: string;
  readonly plugins?: readonly DeckPlugin[];
}

export type DeckVault = KongVaultEntity & Tagged;
