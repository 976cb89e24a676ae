/** `aigate schema`: prints the config's JSON Schema (for YAML/JSON configs and editors). */
import { configJsonSchema } from '../../spec/index.ts';
import { EXIT } from '../exit.ts';

export function schemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

export function schemaCommand(): number {
  process.stdout.write(schemaText());
  return EXIT.ok;
}
