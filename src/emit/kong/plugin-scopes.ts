/** Which entities Kong can attach each plugin aigate writes to (the foreign keys in each plugin's
 * schema; a plugin with none of them is global). A test compares this with the vendored schemas. */
import type { PolicyScope } from '../../model/index.ts';

const ALL: readonly PolicyScope[] = ['global', 'route', 'consumer', 'consumer-group'];
const NO_GROUP: readonly PolicyScope[] = ['global', 'route', 'consumer'];

export const PLUGIN_SCOPES: Readonly<Record<string, readonly PolicyScope[]>> = {
  'ai-proxy': ALL,
  'ai-proxy-advanced': ALL,
  'ai-prompt-guard': ALL,
  'ai-prompt-decorator': ALL,
  'ai-prompt-template': ALL,
  // `typedefs.no_consumer` in Kong's schema.
  'ai-request-transformer': ['global', 'route', 'consumer-group'],
  'ai-response-transformer': ALL,
  'ai-rate-limiting-advanced': ALL,
  'ai-semantic-cache': ALL,
  'ai-semantic-prompt-guard': ALL,
  'key-auth': ['global', 'route'],
  prometheus: NO_GROUP,
  opentelemetry: NO_GROUP,
  'rate-limiting': ALL,
  statsd: NO_GROUP,
  zipkin: NO_GROUP,
  datadog: NO_GROUP,
  'http-log': NO_GROUP,
  'file-log': NO_GROUP,
  'tcp-log': NO_GROUP,
};

export function kongCanAttach(plugin: string, scope: PolicyScope): boolean {
  return PLUGIN_SCOPES[plugin]?.includes(scope) ?? false;
}
