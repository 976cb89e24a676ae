/** Builds kong-operator.yaml: one AIGateway with a cloudHosted model per route, after checking
 * everything the config uses against what an AIGateway can carry. Anything it cannot carry is an
 * error, so the compile fails with the whole list; the controller's create-once behaviour is a
 * warning on every successful compile. */
import { resultOf, type Result } from '../../src/diagnostics/index.ts';
import { toYamlDocuments, type Artefact } from '../../src/emit/index.ts';
import { manifest, objectMeta } from '../../src/emit/kubernetes/index.ts';
import type { GatewayModel } from '../../src/model/index.ts';
import type { AiGatewayObject, CloudHostedModel } from './ai-gateway-types.ts';
import { createOperatorContext, KONG_INGRESS_HINT, type OperatorContext } from './context.ts';
import { reportGaps } from './gaps.ts';
import { header } from './header.ts';
import { cloudHosted, promptParams, type Resolved } from './models.ts';
import { cloudProvider } from './providers.ts';

export const KONG_OPERATOR_FILE = 'kong-operator.yaml';

// The CRD's limit on cloudHosted entries.
const MAX_MODELS = 64;

export function emitKongOperator(model: GatewayModel): Result<readonly Artefact[]> {
  const ctx = createOperatorContext(model);
  const gateway = aiGateway(ctx);
  ctx.warn(
    'unsupported_by_target',
    [],
    'the AIGateway controller creates its Gateway, KongPlugins and HTTPRoutes once and never updates them: later changes to this config reach Kong only after those objects are deleted',
    KONG_INGRESS_HINT,
  );
  const content = toYamlDocuments([gateway], header(ctx));
  return resultOf([{ path: KONG_OPERATOR_FILE, content }], ctx.diagnostics);
}

export function aiGateway(ctx: OperatorContext): AiGatewayObject {
  const resolved: Resolved = {
    providers: new Map(ctx.model.providers.flatMap((p) => {
      const name = cloudProvider(ctx, p);
      return name === undefined ? [] : [[p.name, name] as const];
    })),
    params: new Map(ctx.model.models.map((m) => [m.name, promptParams(ctx, m)] as const)),
  };
  const models: CloudHostedModel[] = [];
  for (const r of ctx.model.routes) {
    const m = cloudHosted(ctx, r, resolved);
    if (m) models.push(m);
  }
  if (ctx.model.routes.length > MAX_MODELS) ctx.cannot(['routes'], `an AIGateway takes at most ${MAX_MODELS} models, one per route`);
  reportGaps(ctx);
  const metadata = objectMeta(ctx.model, ctx.options, ctx.model.name);
  return manifest('gateway-operator.konghq.com/v1alpha1', 'AIGateway', metadata, {
    spec: {
      gatewayClassName: ctx.options.gatewayClassName,
      largeLanguageModels: { cloudHosted: models },
      cloudProviderCredentials: { name: ctx.credentialsSecret },
    },
  });
}
