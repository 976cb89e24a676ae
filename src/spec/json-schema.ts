/** The JSON Schema generated from the spec, for YAML/JSON configs and editors. */
import { z } from 'zod';
import { GatewayConfigSchema } from './gateway.ts';

export const CONFIG_SCHEMA_ID = 'https://aigate.dev/schema/gateway.config.schema.json';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(GatewayConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $schema: schema.$schema, $id: CONFIG_SCHEMA_ID, title: 'aigate gateway config', ...schema };
}
