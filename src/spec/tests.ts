/** Policy tests written next to the config: requests, what the mock providers answer, and what the
 * client and the upstream must see. `aigate test` runs them on the reference proxy. */
import { z } from 'zod';

const Json = z.unknown();

/** A request a test sends through the gateway. */
export const TestRequestSchema = z
  .strictObject({
    /** The route to call (its first path is used); or give `path`. */
    route: z.string().min(1).optional(),
    /** A literal request path. */
    path: z.string().regex(/^\//).optional(),
    /** Send this consumer's first key the way the route expects keys. */
    consumer: z.string().min(1).optional(),
    /** Send this literal key instead (e.g. a wrong one). */
    key: z.string().optional(),
    headers: z.record(z.string().min(1), z.string()).default({}),
    /** The JSON body (OpenAI format). A string is sent as is. */
    body: Json.optional(),
    /** Shorthand for a chat body with one user message. */
    prompt: z.string().optional(),
  })
  .meta({ id: 'TestRequest' });

/** What a mock provider answers for one upstream call. */
export const MockReplySchema = z
  .strictObject({
    /** @default 200 */
    status: z.int().min(100).max(599).optional(),
    /** The assistant's text, in the provider's own format. */
    text: z.string().optional(),
    /** A whole provider-format body instead of `text`. */
    body: Json.optional(),
    usage: z.strictObject({ prompt: z.int().min(0), completion: z.int().min(0) }).optional(),
    delayMs: z.int().min(0).optional(),
    /** A failure: drop the connection, cut a stream half-way, send a broken chunk, or never answer. */
    fault: z.enum(['reset', 'cut-stream', 'malformed-chunk', 'hang']).optional(),
  })
  .meta({ id: 'MockReply' });

/** What the client and the upstream must have seen. Objects match as subsets. */
export const TestExpectSchema = z
  .strictObject({
    status: z.int().min(100).max(599).optional(),
    /** A subset of the JSON response body. */
    body: Json.optional(),
    /** Response headers; `null` means "absent". */
    headers: z.record(z.string().min(1), z.union([z.string(), z.null()])).optional(),
    /** The model (by name) that answered. */
    servedBy: z.string().min(1).optional(),
    /** The streamed reply: how it must end. */
    stream: z.strictObject({ done: z.boolean().optional(), errorEvent: z.boolean().optional(), minEvents: z.int().min(0).optional() }).optional(),
    upstream: z
      .strictObject({
        /** Whether any provider was called. */
        called: z.boolean().optional(),
        /** Number of upstream calls (retries and fallbacks count). */
        calls: z.int().min(0).optional(),
        /** The messages the provider received (after templates, decorators, transformers). */
        messages: z.array(Json).optional(),
        /** A subset of the body the provider received. */
        body: Json.optional(),
        /** Headers the provider received; `null` means "absent". */
        headers: z.record(z.string().min(1), z.union([z.string(), z.null()])).optional(),
      })
      .optional(),
  })
  .meta({ id: 'TestExpect' });

export const TestStepSchema = z
  .strictObject({
    request: TestRequestSchema,
    /** Replies per model name, in call order; calls beyond the list get the mock's echo. */
    mock: z.record(z.string().min(1), z.union([MockReplySchema, z.array(MockReplySchema)])).optional(),
    expect: TestExpectSchema.default({}),
    /** Send the same request this many times; `expect` applies to the last. @default 1 */
    repeat: z.int().min(1).max(10_000).default(1),
  })
  .meta({ id: 'TestStep' });

/** One test: a single step, or several in order (counters and caches carry over). */
export const TestCaseSchema = z
  .strictObject({
    name: z.string().min(1),
    request: TestRequestSchema.optional(),
    mock: TestStepSchema.shape.mock,
    expect: TestExpectSchema.optional(),
    repeat: z.int().min(1).max(10_000).optional(),
    steps: z.array(TestStepSchema).min(1).optional(),
  })
  .meta({ id: 'TestCase' });

export type TestCaseOutput = z.output<typeof TestCaseSchema>;
export type TestStepOutput = z.output<typeof TestStepSchema>;
