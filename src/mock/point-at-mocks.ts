/** Where each request goes when aigate serves against the mocks: the mock's endpoint for the same
 * provider (and wire format), route type, model and stream mode. Pure; the CLI hands it to the
 * proxy as its `upstreamUrlFor`, so the proxy itself never imports the mocks.
 *
 * It is a function of the request rather than a rewrite of each provider's `upstreamUrl`: one
 * provider URL cannot serve both route types, several models (Gemini, Bedrock and Azure name the
 * model in the path) or both stream modes (Gemini and Bedrock name the stream in the path). */
import type { Model, Provider, RouteType } from '../model/index.ts';
import { mockPathFor } from './routes.ts';

export type MockUpstreamUrl = (provider: Provider, model: Model, routeType: RouteType, stream: boolean) => string;

/** @param mockBaseUrl the mocks' `url`, e.g. `http://127.0.0.1:41234` */
export function pointAtMocks(mockBaseUrl: string): MockUpstreamUrl {
  const base = mockBaseUrl.replace(/\/+$/, '');
  return (provider, model, routeType, stream) => {
    if (provider.kind === 'azure') {
      const deployment = model.deployment ?? model.model;
      return base + mockPathFor(provider, routeType, deployment, { stream, apiVersion: provider.azure.apiVersion });
    }
    return base + mockPathFor(provider, routeType, model.model, { stream });
  };
}
