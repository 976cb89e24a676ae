/** The reference proxy as a gateway under test: each config is compiled with the reference target
 * (so a feature the target refuses fails here exactly as in `aigate compile`) and run by a fresh
 * in-process proxy, so every test starts with empty counters and an empty cache. Starting a proxy
 * takes about a millisecond; reloading one would keep its limit and cache stores. */
import { emitTarget } from '../../compile/index.ts';
import { error, type Result } from '../../diagnostics/index.ts';
import type { Target } from '../../emit/index.ts';
import { pointAtMocks } from '../../mock/point-at-mocks.ts';
import type { GatewayModel } from '../../model/index.ts';
import { kongProviderName, loadBundle, startProxy } from '../../proxy/index.ts';
import type { GatewayUnderTest, PreparedGateway, PrepareContext } from '../gateway.ts';

export interface ReferenceGatewayOptions {
  /** The `reference` target (the CLI's list owns targets; this module never imports one). */
  readonly target: Target;
}

export function referenceGateway({ target }: ReferenceGatewayOptions): GatewayUnderTest {
  return {
    id: 'reference',
    features: target.features,
    async prepare(model: GatewayModel, { front, env }: PrepareContext): Promise<Result<PreparedGateway>> {
      const emitted = emitTarget(model, target);
      if (!emitted.ok) return emitted;
      const artefact = emitted.value[0];
      if (artefact === undefined) return { ok: false, diagnostics: [error('target_unknown', [], 'the reference target wrote no bundle')] };
      const bundle = loadBundle(artefact.content);
      if (!bundle.ok) return bundle;
      const started = await startProxy({
        bundle: bundle.value,
        admin: false,
        log: false,
        mock: true,
        // Only the test keys: a developer's real variables are never read by a test.
        env,
        upstreamUrlFor: (provider, m, type, stream) => pointAtMocks(front.baseFor(m.name))(provider, m, type, stream),
        shutdownGraceMs: 200,
      });
      if (!started.ok) return started;
      const proxy = started.value;
      const models = new Map(model.models.map((m) => [m.name, m]));
      const providers = new Map(model.providers.map((p) => [p.name, p]));
      const header = (name: string) => {
        const m = models.get(name);
        const p = m && providers.get(m.provider);
        return m && p ? `${kongProviderName(p.kind)}/${m.model}` : undefined;
      };
      return {
        ok: true,
        warnings: emitted.warnings,
        value: {
          address: (path) => ({ url: proxy.url + path, headers: {} }),
          servedBy(answer, route) {
            const named = answer.headers['x-kong-llm-model'];
            if (named === undefined) return [];
            return (route?.models ?? model.models.map((m) => m.name)).filter((m) => header(m) === named);
          },
          close: () => proxy.close(),
        },
      };
    },
    close: () => Promise.resolve(),
  };
}
