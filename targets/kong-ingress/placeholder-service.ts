/** The Service every HTTPRoute names as its backend. KIC builds a Kong service from a route's
 * backend, but ai-proxy sends the request to the model's endpoint, so this one is never contacted;
 * the AIGateway controller uses an ExternalName Service the same way (kgo FACTS §2). It points
 * where the deck target's services point, so both outputs configure Kong alike. */
import { manifest, objectMeta } from '../../src/emit/kubernetes/index.ts';
import { PLACEHOLDER_UPSTREAM } from '../../src/emit/kong/index.ts';
import type { IngressContext } from './context.ts';
import type { ServiceObject } from './kic-types.ts';
import { placeholderServiceName } from './names.ts';

export function placeholderService(ctx: IngressContext): ServiceObject {
  const metadata = objectMeta(ctx.model, ctx.options, placeholderServiceName(ctx.model.name), {
    annotations: { 'konghq.com/protocol': PLACEHOLDER_UPSTREAM.protocol },
  });
  return manifest('v1', 'Service', metadata, {
    spec: {
      type: 'ExternalName',
      externalName: PLACEHOLDER_UPSTREAM.host,
      ports: [{ name: PLACEHOLDER_UPSTREAM.protocol, port: PLACEHOLDER_UPSTREAM.port, protocol: 'TCP' }],
    },
  });
}
