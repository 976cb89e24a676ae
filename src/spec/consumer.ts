/** Consumers (who calls the gateway), their keys, and consumer groups. */
import { z } from 'zod';
import { PoliciesSchema } from './policies.ts';
import { SecretSchema } from './secret.ts';

export const ConsumerSchema = z
  .strictObject({
    /** Your own id for the consumer, e.g. from your identity system. */
    customId: z.string().min(1).optional(),
    /** Consumer groups, by key under `consumerGroups`. */
    groups: z.array(z.string().min(1)).default([]),
    /** API keys the consumer authenticates with, as secret references. */
    keys: z.array(SecretSchema).default([]),
    /** Policies for this consumer (limits, guards, …). */
    policies: PoliciesSchema.optional(),
  })
  .describe('A consumer of the gateway (its key is the username).')
  .meta({ id: 'Consumer' });

export const ConsumerGroupSchema = z
  .strictObject({
    /** Policies for every consumer in the group. */
    policies: PoliciesSchema.optional(),
  })
  .describe('A consumer group.');

export type ConsumerInput = z.input<typeof ConsumerSchema>;
export type ConsumerOutput = z.output<typeof ConsumerSchema>;
