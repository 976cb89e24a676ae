/** OpenTelemetry traces for the proxy: a SERVER span per client request and a CLIENT span per
 * upstream attempt (so retries and fallbacks stay visible), with the GenAI semantic-convention
 * attributes pinned in semconv.ts, exported over OTLP/HTTP when an endpoint is configured.
 * The tracer provider is private to this module (never registered globally), so two proxies in one
 * process, or a test, do not share one. */
import { createRequire } from 'node:module';
import type { Attributes, Context, Span, Tracer } from '@opentelemetry/api';
import type { BasicTracerProvider, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Provider, RouteType } from '../../model/index.ts';
import type { JsonObject } from './json.ts';
import { AIGATE, GEN_AI, SCHEMA_URL, STABLE } from './semconv.ts';
import type { TokenUsage } from './usage.ts';

// The OpenTelemetry SDK and exporter (tens of MiB once loaded) come in when a configuration first
// asks for traces: a gateway without an observability policy never loads them.
const require = createRequire(import.meta.url);
interface Otel {
  readonly api: typeof import('@opentelemetry/api');
  readonly sdk: typeof import('@opentelemetry/sdk-trace-base');
  readonly exporter: typeof import('@opentelemetry/exporter-trace-otlp-http');
  readonly resources: typeof import('@opentelemetry/resources');
}
let loaded: Otel | undefined;
const otel = (): Otel =>
  (loaded ??= {
    api: require('@opentelemetry/api') as Otel['api'],
    sdk: require('@opentelemetry/sdk-trace-base') as Otel['sdk'],
    exporter: require('@opentelemetry/exporter-trace-otlp-http') as Otel['exporter'],
    resources: require('@opentelemetry/resources') as Otel['resources'],
  });

export interface TracingOptions {
  readonly serviceName: string;
  /** Share of new traces recorded, 0–1 (Kong's `sampling_rate`); a sampled parent is followed. */
  readonly sampleRate: number;
  /** OTLP/HTTP traces URL, e.g. `http://collector:4318/v1/traces`. */
  readonly endpoint?: string;
  /** Resolved header values (the model holds secret references). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly resourceAttributes?: Readonly<Record<string, string>>;
  /** An extra exporter, fed span by span (tests use an in-memory one). */
  readonly exporter?: SpanExporter;
}

export interface RequestStart {
  readonly routeType: RouteType;
  readonly route: string;
  readonly consumer?: string;
  /** The client's body, for the requested model and parameters. */
  readonly body?: JsonObject;
  /** The client's `traceparent` header, continued when valid. */
  readonly traceparent?: string;
}

export interface AttemptStart {
  readonly provider: Provider;
  /** The model name the provider knows (e.g. `gpt-4o`). */
  readonly model: string;
  /** 0 for the first choice, 1 for the first fallback, … */
  readonly attempt: number;
  readonly url?: string;
}

export interface AttemptEnd {
  readonly status?: number;
  readonly responseModel?: string;
  readonly responseId?: string;
  readonly finishReasons?: readonly string[];
  readonly usage?: TokenUsage;
  /** Set when the attempt failed: `timeout`, `500`, `stream_cut`, … */
  readonly errorType?: string;
}

export interface RequestEnd extends AttemptEnd {
  /** The provider that answered, if any. */
  readonly provider?: Provider;
  readonly cost?: number;
  /** `Hit`, `Miss`, `Bypass`, `Refresh`. */
  readonly cacheStatus?: string;
}

export interface AttemptTrace {
  /** W3C `traceparent` to send upstream, so the provider's spans join the trace. */
  readonly traceparent: string;
  end(result: AttemptEnd): void;
}

export interface RequestTrace {
  readonly traceparent: string;
  startAttempt(start: AttemptStart): AttemptTrace;
  end(result: RequestEnd): void;
}

export interface Tracing {
  startRequest(start: RequestStart): RequestTrace;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** `gen_ai.provider.name` values for our providers. OpenAI-compatible services speak OpenAI's API,
 * which is what the convention asks to report when the real vendor is unknown. */
export function genAiProviderName(provider: Provider): string {
  switch (provider.kind) {
    case 'openai':
    case 'openai-compatible':
      return 'openai';
    case 'azure':
      return 'azure.ai.openai';
    case 'anthropic':
      return 'anthropic';
    case 'bedrock':
      return 'aws.bedrock';
    case 'gemini':
      return provider.vertex ? 'gcp.vertex_ai' : 'gcp.gemini';
    case 'cohere':
      return 'cohere';
    case 'mistral':
      return 'mistral_ai';
    case 'llama2':
    case 'ollama':
      return provider.kind;
  }
}

const operationOf = (t: RouteType) => (t === 'chat' ? 'chat' : 'text_completion');
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The remote parent in a W3C `traceparent`, or the root context when it is missing or invalid. */
export function parentContext(traceparent: string | undefined): Context {
  const { ROOT_CONTEXT, trace, TraceFlags } = otel().api;
  const m = traceparent === undefined ? null : TRACEPARENT.exec(traceparent.trim().toLowerCase());
  if (!m || /^0+$/.test(m[1]!) || /^0+$/.test(m[2]!)) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: m[1]!, spanId: m[2]!, traceFlags: parseInt(m[3]!, 16) & TraceFlags.SAMPLED, isRemote: true });
}

function traceparentOf(span: Span): string {
  const c = span.spanContext();
  return `00-${c.traceId}-${c.spanId}-${(c.traceFlags & otel().api.TraceFlags.SAMPLED).toString(16).padStart(2, '0')}`;
}

/** The request parameters the conventions name, where the client set them. */
function requestAttributes(body: JsonObject | undefined): Attributes {
  const out: Attributes = {};
  if (!body) return out;
  const num = (k: string, attr: string) => {
    if (typeof body[k] === 'number') out[attr] = body[k];
  };
  if (typeof body.model === 'string') out[GEN_AI.requestModel] = body.model;
  num('max_tokens', GEN_AI.requestMaxTokens);
  num('temperature', GEN_AI.requestTemperature);
  num('top_p', GEN_AI.requestTopP);
  num('top_k', GEN_AI.requestTopK);
  if (typeof body.stream === 'boolean') out[GEN_AI.requestStream] = body.stream;
  return out;
}

function endAttributes(span: Span, r: AttemptEnd): void {
  const a: Attributes = {};
  if (r.status !== undefined) a[STABLE.httpStatusCode] = r.status;
  if (r.responseModel !== undefined) a[GEN_AI.responseModel] = r.responseModel;
  if (r.responseId !== undefined) a[GEN_AI.responseId] = r.responseId;
  if (r.finishReasons !== undefined) a[GEN_AI.responseFinishReasons] = [...r.finishReasons];
  if (r.usage) {
    a[GEN_AI.usageInputTokens] = r.usage.prompt_tokens;
    a[GEN_AI.usageOutputTokens] = r.usage.completion_tokens;
  }
  if (r.errorType !== undefined) {
    a[STABLE.errorType] = r.errorType;
    span.setStatus({ code: otel().api.SpanStatusCode.ERROR, message: r.errorType });
  }
  span.setAttributes(a);
}

function serverAttributes(url: string | undefined): Attributes {
  if (url === undefined) return {};
  try {
    const u = new URL(url);
    const port = u.port !== '' ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
    return { [STABLE.serverAddress]: u.hostname, [STABLE.serverPort]: port };
  } catch {
    return {};
  }
}

function tracerFor(options: TracingOptions): { tracer: Tracer; provider: BasicTracerProvider } {
  const { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, SimpleSpanProcessor, TraceIdRatioBasedSampler } = otel().sdk;
  const { OTLPTraceExporter } = otel().exporter;
  const { resourceFromAttributes } = otel().resources;
  const spanProcessors: SpanProcessor[] = [];
  if (options.endpoint !== undefined) {
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: options.endpoint, headers: { ...options.headers } })));
  }
  if (options.exporter) spanProcessors.push(new SimpleSpanProcessor(options.exporter));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ ...options.resourceAttributes, [STABLE.serviceName]: options.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(Math.min(1, Math.max(0, options.sampleRate))) }),
    spanProcessors,
  });
  return { provider, tracer: provider.getTracer('aigate', undefined, { schemaUrl: SCHEMA_URL }) };
}

export function createTracing(options: TracingOptions): Tracing {
  const { tracer, provider } = tracerFor(options);
  const { ROOT_CONTEXT, SpanKind, trace } = otel().api;

  return {
    startRequest(start) {
      const operation = operationOf(start.routeType);
      const params = requestAttributes(start.body);
      const requested = params[GEN_AI.requestModel];
      const span = tracer.startSpan(
        `${operation} ${typeof requested === 'string' ? requested : start.route}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            [GEN_AI.operationName]: operation,
            ...params,
            [AIGATE.route]: start.route,
            ...(start.consumer !== undefined && { [AIGATE.consumer]: start.consumer }),
          },
        },
        parentContext(start.traceparent),
      );
      const inRequest = trace.setSpan(ROOT_CONTEXT, span);
      return {
        traceparent: traceparentOf(span),
        startAttempt(a) {
          const child = tracer.startSpan(
            `${operation} ${a.model}`,
            {
              kind: SpanKind.CLIENT,
              attributes: {
                ...params,
                [GEN_AI.operationName]: operation,
                [GEN_AI.providerName]: genAiProviderName(a.provider),
                // The model actually asked for upstream, which may differ from the client's alias.
                [GEN_AI.requestModel]: a.model,
                [AIGATE.attempt]: a.attempt,
                ...serverAttributes(a.url),
              },
            },
            inRequest,
          );
          return {
            traceparent: traceparentOf(child),
            end(result) {
              endAttributes(child, result);
              child.end();
            },
          };
        },
        end(result) {
          endAttributes(span, result);
          const extra: Attributes = {};
          if (result.provider) extra[GEN_AI.providerName] = genAiProviderName(result.provider);
          if (result.cost !== undefined) extra[AIGATE.cost] = result.cost;
          if (result.cacheStatus !== undefined) extra[AIGATE.cacheStatus] = result.cacheStatus;
          span.setAttributes(extra);
          span.end();
        },
      };
    },
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
