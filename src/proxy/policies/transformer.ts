/** ai-request-transformer and ai-response-transformer (Kong 3.10 `kong/llm/init.lua`
 * `ai_introspect_body` and `parse_json_instructions`, FACTS §2.10): an LLM rewrites the request
 * body before it goes upstream, or the upstream's response before it goes back. The call to the LLM
 * is injected by the server, which owns the provider layer. */
import type { RE2 } from 're2-wasm';
import type { RequestTransformerPolicy, ResponseTransformerPolicy } from '../../model/index.ts';
import type { HttpResponse } from './json.ts';
import { compilePattern, memoise, type Compiled } from './regex.ts';
import { fail, ok, pluginError, type Outcome } from './reply.ts';

export interface ChatMessage {
  readonly role: 'system' | 'user';
  readonly content: string;
}

/** What the model answered: `content` is `choices[0].message.content` of its OpenAI-format reply. */
export type ModelAnswer = { readonly ok: true; readonly content: string | null | undefined } | { readonly ok: false; readonly error: string };

/** Sends a non-streaming chat request to the named model (the policy's `model`) and returns its
 * answer. `signal` aborts when the policy's timeout passes. */
export type CallModel = (
  model: string,
  messages: readonly ChatMessage[],
  options: { readonly timeoutMs: number; readonly signal: AbortSignal },
) => Promise<ModelAnswer>;

const INTROSPECT_FAILED = 'failed to introspect request with AI service: ';
const patterns = new WeakMap<RequestTransformerPolicy, Compiled<RE2> | undefined>();

/** Kong's `ngx.re.match(…, "ijom")`: case-insensitive and multi-line, first match. */
function extractPatternOf(policy: RequestTransformerPolicy): Compiled<RE2> | undefined {
  return memoise(patterns, policy, (p) => (p.extractPattern === undefined ? undefined : compilePattern(p.extractPattern, 'im')));
}

async function ask(policy: RequestTransformerPolicy, input: string, callModel: CallModel): Promise<Outcome<string>> {
  const messages: ChatMessage[] = [
    { role: 'system', content: policy.prompt },
    { role: 'user', content: input },
  ];
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // The timeout holds even if callModel ignores the signal; Kong's HTTP client reports "timeout".
  const timeout = new Promise<ModelAnswer>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, error: 'timeout' });
    }, policy.timeoutMs);
  });
  let answer: ModelAnswer;
  try {
    answer = await Promise.race([callModel(policy.model, messages, { timeoutMs: policy.timeoutMs, signal: controller.signal }), timeout]);
  } catch (e) {
    answer = { ok: false, error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
  if (!answer.ok) return fail(pluginError(400, INTROSPECT_FAILED + answer.error));
  if (typeof answer.content !== 'string') return fail(pluginError(400, "no 'choices' in upstream AI service response"));

  const pattern = extractPatternOf(policy);
  if (pattern === undefined) return ok(answer.content);
  if (!pattern.ok) return fail(pluginError(400, `failed regex matching ai response: ${pattern.error}`));
  const match = pattern.value.exec(answer.content);
  if (!match || match[0] === undefined) return fail(pluginError(400, 'AI response did not match specified regular expression'));
  return ok(match[0]);
}

/** The new raw request body: the model's answer to (system = prompt, user = the raw body). */
export function transformRequest(policy: RequestTransformerPolicy, rawBody: string, callModel: CallModel): Promise<Outcome<string>> {
  return ask(policy, rawBody, callModel);
}

// Kong drops these from the upstream's headers before sending the transformed body.
const STALE_HEADERS = ['content-length', 'content-encoding', 'transfer-encoding'];
const JSON_INSTRUCTIONS_FAILED = 'failed to parse JSON response instructions from AI backend: ';

/**
 * The response to send instead of `upstream`. Without `parseJsonInstructions` the upstream status
 * and headers stay and the body is the model's answer. With it the answer is read as
 * `{status?, headers?, body?}`: status defaults to 200, headers override the upstream's, and a
 * missing `body` means the whole object is the body (Kong's `in_body.body or in_body`).
 */
export async function transformResponse(policy: ResponseTransformerPolicy, upstream: HttpResponse, callModel: CallModel): Promise<Outcome<HttpResponse>> {
  const answer = await ask(policy, upstream.body, callModel);
  if (!answer.ok) return answer;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(upstream.headers)) if (!STALE_HEADERS.includes(k.toLowerCase())) headers[k.toLowerCase()] = v;
  if (!policy.parseJsonInstructions) return ok({ status: upstream.status, headers, body: answer.value });

  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.value);
  } catch (e) {
    return fail(pluginError(500, JSON_INSTRUCTIONS_FAILED + (e as Error).message));
  }
  if (typeof parsed !== 'object' || parsed === null) return fail(pluginError(500, `${JSON_INSTRUCTIONS_FAILED}input not table or string`));
  const instructions = parsed as { status?: unknown; headers?: unknown; body?: unknown };
  const status = instructions.status ?? 200;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return fail(pluginError(500, `${JSON_INSTRUCTIONS_FAILED}invalid status ${JSON.stringify(status)}`));
  }
  if (typeof instructions.headers === 'object' && instructions.headers !== null) {
    for (const [k, v] of Object.entries(instructions.headers)) headers[k.toLowerCase()] = String(v);
  }
  const body = instructions.body !== undefined && instructions.body !== false ? instructions.body : parsed;
  // A table body is sent as JSON, a string as is (kong.response.exit).
  return ok({ status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}
