/** Regenerates schema/gateway.config.schema.json from the spec (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { schemaText } from '../src/cli/commands/schema.ts';

writeFileSync(new URL('../schema/gateway.config.schema.json', import.meta.url), schemaText());
