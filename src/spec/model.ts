/** Models: a provider plus the model name it knows, with default options and prices. */
import { z } from 'zod';

export const ModelOptionsSchema = z
  .strictObject({
    /** Upper bound on completion tokens. */
    maxTokens: z.int().positive().optional(),
    /** 0 to 5. */
    temperature: z.number().min(0).max(5).optional(),
    /** 0 to 1. */
    topP: z.number().min(0).max(1).optional(),
    /** 0 to 500. */
    topK: z.int().min(0).max(500).optional(),
    /** Price of one million prompt tokens; needed for cost metrics and budgets. */
    inputCost: z.number().positive().optional(),
    /** Price of one million completion tokens. */
    outputCost: z.number().positive().optional(),
  })
  .describe('Default request options and prices (per million tokens).')
  .meta({ id: 'ModelOptions' });

export const ModelSchema = z
  .strictObject({
    /** The key of a provider under `providers`. */
    provider: z.string().min(1).describe('A provider name from `providers`.'),
    /** `chat` for text generation, `embeddings` for semantic cache and guard. @default "chat" */
    kind: z.enum(['chat', 'embeddings']).default('chat').describe('chat or embeddings.'),
    /** The name the provider knows, e.g. `gpt-4o`. @default the model's key */
    model: z.string().min(1).optional().describe('Model name at the provider; defaults to the key.'),
    /** Another name clients may send as `model` (Kong 3.15+). */
    alias: z.string().min(1).optional().describe('Another name clients may send as `model`.'),
    /** Azure deployment id. @default the model name */
    deployment: z.string().min(1).optional().describe('Azure deployment id; defaults to the model name.'),
    options: ModelOptionsSchema.default({}),
  })
  .describe('A model served through a provider.')
  .meta({ id: 'Model' });

export type ModelInput = z.input<typeof ModelSchema>;
export type ModelOutput = z.output<typeof ModelSchema>;
