/** The request and response transformer policies as ai-request-transformer and
 * ai-response-transformer: a prompt, and the model (as Kong's LLM record) that applies it. */
import type { PathSegment } from '../../../diagnostics/index.ts';
import { byName, type RequestTransformerPolicy, type ResponseTransformerPolicy } from '../../../model/index.ts';
import { MAX_REQUEST_BODY_SIZE } from '../body-size.ts';
import type { KongContext } from '../context.ts';
import { llmRecord } from '../llm-record.ts';
import type { KongPlugin, LlmRecord } from '../plugin-types.ts';

export interface TransformerConfig {
  readonly prompt: string;
  readonly llm: LlmRecord;
  readonly transformation_extract_pattern?: string;
  readonly http_timeout: number;
  readonly max_request_body_size: number;
  readonly parse_llm_response_json_instructions?: boolean;
}

export function requestTransformerPlugin(ctx: KongContext, t: RequestTransformerPolicy, payloads: boolean, at: readonly PathSegment[]): KongPlugin<TransformerConfig> | undefined {
  const llm = transformerLlm(ctx, t, payloads, at);
  return llm && { name: 'ai-request-transformer', config: common(t, llm) };
}

export function responseTransformerPlugin(ctx: KongContext, t: ResponseTransformerPolicy, payloads: boolean, at: readonly PathSegment[]): KongPlugin<TransformerConfig> | undefined {
  const llm = transformerLlm(ctx, t, payloads, at);
  return llm && { name: 'ai-response-transformer', config: { ...common(t, llm), parse_llm_response_json_instructions: t.parseJsonInstructions } };
}

function common(t: RequestTransformerPolicy, llm: LlmRecord): TransformerConfig {
  return {
    prompt: t.prompt,
    llm,
    transformation_extract_pattern: t.extractPattern,
    http_timeout: t.timeoutMs,
    max_request_body_size: MAX_REQUEST_BODY_SIZE,
  };
}

// Kong requires llm/v1/chat for a transformer's model ("must be 'llm/v1/chat' for AI transformer
// plugins"); statistics are on so the transformer's own tokens show up in the logs like a route's.
function transformerLlm(ctx: KongContext, t: RequestTransformerPolicy, payloads: boolean, at: readonly PathSegment[]): LlmRecord | undefined {
  const model = byName(ctx.model.models, t.model);
  const provider = model && byName(ctx.model.providers, model.provider);
  if (!model || !provider) {
    ctx.report('unknown_reference', [...at, 'model'], `model "${t.model}" is not defined`);
    return undefined;
  }
  return llmRecord(ctx, { type: 'chat', logging: { statistics: true, payloads } }, model, provider);
}
