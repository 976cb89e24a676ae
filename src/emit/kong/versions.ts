/** Which Kong versions can take the fields and values that not every supported version has. */
import { KONG_VERSIONS, type KongVersion } from '../../model/index.ts';

/**
 * The first Kong version the Kong targets write each of these for, read off the vendored plugin
 * schemas (`schema/vendor/kong/plugins/{3.10,3.15}/AiProxy.json`; a test keeps this table and
 * those files in agreement).
 *
 * Only 3.10 and 3.15 are vendored. A field missing in 3.10 but present in 3.15 is entered as
 * 3.15: we cannot show that 3.11–3.14 accept it, and Kong rejects unknown fields, so claiming it
 * early would produce files Kong refuses. (Kong's docs repository has 3.13 schemas without
 * `model_alias` and without the `ollama` provider, and 3.14 schemas with both; vendor 3.14 before
 * lowering these entries.)
 */
const FIRST_VERSION = {
  /** `model.model_alias`: the name clients may send instead of the model's own. */
  'model.model_alias': '3.15',
  /** `model.provider: ollama`; older versions reach Ollama through `llama2` + `llama2_format: ollama`. */
  'provider:ollama': '3.15',
  /** `auth.azure_use_managed_identity` and its client/tenant/secret fields: already in the 3.10 schema. */
  'auth.azure_managed_identity': '3.10',
} as const satisfies Record<string, KongVersion>;

export type VersionedField = keyof typeof FIRST_VERSION;

export function firstVersionWith(field: VersionedField): KongVersion {
  return FIRST_VERSION[field];
}

export const VERSIONED_FIELDS = Object.keys(FIRST_VERSION) as VersionedField[];

export function kongHas(version: KongVersion, field: VersionedField): boolean {
  return KONG_VERSIONS.indexOf(version) >= KONG_VERSIONS.indexOf(FIRST_VERSION[field]);
}
