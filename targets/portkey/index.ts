/** The `portkey` target: Portkey gateway configs (`x-portkey-config`), one file per route, plus an
 * index of the routes' paths and endpoints. Runs on `@portkey-ai/gateway` (tested with 1.15.2). */
import { resultOf } from '../../src/diagnostics/index.ts';
import { toJson, type Artefact, type Target } from '../../src/emit/index.ts';
import { compilePortkey } from './emit.ts';
import { PORTKEY_FEATURES } from './features.ts';

export { compilePortkey, type PortkeyOptions } from './emit.ts';
export type { PortkeyConfig, PortkeyRoute } from './portkey-types.ts';
export { customHostOf, type CustomHostFor } from './providers.ts';

export const portkeyTarget: Target = {
  id: 'portkey',
  description: 'Portkey gateway configs, one per route, sent in x-portkey-config',
  features: PORTKEY_FEATURES,
  emit(model) {
    const compiled = compilePortkey(model);
    if (!compiled.ok) return compiled;
    const index = Object.fromEntries(compiled.value.map((r) => [r.name, { paths: r.paths, endpoint: r.endpoint, config: `${r.name}.json` }]));
    const artefacts: Artefact[] = [
      { path: 'portkey/routes.json', content: toJson(index) },
      ...compiled.value.map((r) => ({ path: `portkey/${r.name}.json`, content: toJson(r.config) })),
    ];
    return resultOf(artefacts, compiled.warnings);
  },
};
