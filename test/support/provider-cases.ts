/** One case per provider kind (and notable variants): the provider, the model, and the LLM record
 * `config.model` Kong should get on 3.15 (and on 3.10). Shared by the Kong layer's tests and the
 * Kong targets' end-to-end tests. */
import type { Model, Provider } from '../../src/model/index.ts';
import { model, type Doc } from './models.ts';

export interface ProviderCase {
  readonly title: string;
  readonly provider: Provider;
  readonly model?: Model;
  /** The expected `config.model` on 3.15 (and on 3.10 unless `on310` says otherwise). */
  readonly expect: Doc;
  readonly expectAuth?: Doc;
  readonly on310?: Doc;
}

const key = (name: string) => ({ kind: 'env', name }) as const;

export const PROVIDER_CASES: readonly ProviderCase[] = [
  {
    title: 'openai',
    provider: { kind: 'openai', name: 'p', allowAuthOverride: true, auth: { kind: 'header', name: 'Authorization', value: key('OPENAI_BEARER') } },
    expect: { provider: 'openai', name: 'm-1', options: {} },
    expectAuth: { header_name: 'Authorization', header_value: '{vault://env/openai-bearer}', allow_override: true },
  },
  {
    title: 'azure, deployment defaulting to the model name',
    provider: { kind: 'azure', name: 'p', azure: { instance: 'acme-east', apiVersion: '2024-06-01' }, allowAuthOverride: false, auth: { kind: 'header', name: 'api-key', value: key('AZURE_KEY') } },
    expect: { provider: 'azure', name: 'm-1', options: { azure_instance: 'acme-east', azure_api_version: '2024-06-01', azure_deployment_id: 'm-1' } },
  },
  {
    title: 'azure with an explicit deployment',
    provider: { kind: 'azure', name: 'p', azure: { instance: 'acme-east', apiVersion: '2024-06-01' }, allowAuthOverride: false },
    model: model('m', 'p', 'gpt-4o', { deployment: 'prod-gpt4o' }),
    expect: { provider: 'azure', name: 'gpt-4o', options: { azure_instance: 'acme-east', azure_api_version: '2024-06-01', azure_deployment_id: 'prod-gpt4o' } },
  },
  {
    title: 'anthropic',
    provider: { kind: 'anthropic', name: 'p', anthropicVersion: '2023-06-01', allowAuthOverride: false, auth: { kind: 'header', name: 'x-api-key', value: key('ANTHROPIC_API_KEY') } },
    expect: { provider: 'anthropic', name: 'm-1', options: { anthropic_version: '2023-06-01' } },
  },
  {
    title: 'cohere',
    provider: { kind: 'cohere', name: 'p', allowAuthOverride: false, auth: { kind: 'header', name: 'Authorization', value: key('COHERE_BEARER') } },
    expect: { provider: 'cohere', name: 'm-1', options: {} },
  },
  {
    title: 'mistral (openai format, default endpoint)',
    provider: { kind: 'mistral', name: 'p', format: 'openai', allowAuthOverride: false },
    expect: { provider: 'mistral', name: 'm-1', options: { mistral_format: 'openai' } },
  },
  {
    title: 'mistral (ollama format, own endpoint)',
    provider: { kind: 'mistral', name: 'p', format: 'ollama', allowAuthOverride: false, upstreamUrl: 'http://ollama:11434/api/chat' },
    expect: { provider: 'mistral', name: 'm-1', options: { mistral_format: 'ollama', upstream_url: 'http://ollama:11434/api/chat' } },
  },
  {
    title: 'llama2',
    provider: { kind: 'llama2', name: 'p', format: 'raw', allowAuthOverride: false, upstreamUrl: 'http://llama:8080/v1/chat' },
    expect: { provider: 'llama2', name: 'm-1', options: { llama2_format: 'raw', upstream_url: 'http://llama:8080/v1/chat' } },
  },
  {
    title: 'gemini (API key as a query parameter)',
    provider: { kind: 'gemini', name: 'p', allowAuthOverride: false, auth: { kind: 'param', name: 'key', location: 'query', value: key('GEMINI_API_KEY') } },
    expect: { provider: 'gemini', name: 'm-1', options: {} },
    expectAuth: { param_name: 'key', param_value: '{vault://env/gemini-api-key}', param_location: 'query', allow_override: false },
  },
  {
    title: 'gemini on Vertex with a GCP service account',
    provider: {
      kind: 'gemini',
      name: 'p',
      allowAuthOverride: false,
      vertex: { apiEndpoint: 'us-central1-aiplatform.googleapis.com', projectId: 'acme-ai', locationId: 'us-central1' },
      auth: { kind: 'gcp-service-account', json: { kind: 'gcp', name: 'vertex-sa', project: 'acme-secrets' } },
    },
    expect: {
      provider: 'gemini',
      name: 'm-1',
      options: { gemini: { api_endpoint: 'us-central1-aiplatform.googleapis.com', project_id: 'acme-ai', location_id: 'us-central1' } },
    },
    expectAuth: { gcp_use_service_account: true, gcp_service_account_json: '{vault://gcp/vertex-sa?project_id=acme-secrets}', allow_override: false },
  },
  {
    title: 'gemini with the service account from the environment',
    provider: { kind: 'gemini', name: 'p', allowAuthOverride: false, auth: { kind: 'gcp-service-account' } },
    expect: { provider: 'gemini', name: 'm-1', options: {} },
    expectAuth: { gcp_use_service_account: true, allow_override: false },
  },
  {
    title: 'bedrock',
    provider: { kind: 'bedrock', name: 'p', region: 'eu-west-1', allowAuthOverride: false, auth: { kind: 'aws', accessKeyId: key('AWS_ACCESS_KEY_ID'), secretAccessKey: key('AWS_SECRET_ACCESS_KEY') } },
    expect: { provider: 'bedrock', name: 'm-1', options: { bedrock: { aws_region: 'eu-west-1' } } },
    expectAuth: { aws_access_key_id: '{vault://env/aws-access-key-id}', aws_secret_access_key: '{vault://env/aws-secret-access-key}', allow_override: false },
  },
  {
    title: 'ollama (native provider on 3.15, llama2 in ollama format on 3.10)',
    provider: { kind: 'ollama', name: 'p', allowAuthOverride: false, upstreamUrl: 'http://ollama:11434/api/chat' },
    expect: { provider: 'ollama', name: 'm-1', options: { upstream_url: 'http://ollama:11434/api/chat' } },
    on310: { provider: 'llama2', name: 'm-1', options: { llama2_format: 'ollama', upstream_url: 'http://ollama:11434/api/chat' } },
  },
  {
    title: 'openai-compatible (DeepSeek)',
    provider: { kind: 'openai-compatible', name: 'p', allowAuthOverride: false, upstreamUrl: 'https://api.deepseek.com:443/v1/chat/completions', auth: { kind: 'header', name: 'Authorization', value: key('DEEPSEEK_BEARER') } },
    model: model('m', 'p', 'deepseek-chat'),
    expect: { provider: 'openai', name: 'deepseek-chat', options: { upstream_url: 'https://api.deepseek.com:443/v1/chat/completions' } },
  },
  {
    title: 'openai with an upstream override',
    provider: { kind: 'openai', name: 'p', allowAuthOverride: false, upstreamUrl: 'https://proxy.internal/v1/chat/completions' },
    expect: { provider: 'openai', name: 'm-1', options: { upstream_url: 'https://proxy.internal/v1/chat/completions' } },
  },
];
