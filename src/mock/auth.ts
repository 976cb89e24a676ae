/**
 * Optional credential check (`requireAuth`): does the request carry the credential the real provider
 * would demand, where it demands it? Presence only; the value is never judged, so tests need no secrets.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ProviderKind } from '../model/index.ts';

function has(headers: IncomingHttpHeaders, name: string): boolean {
  const v = headers[name];
  return typeof v === 'string' ? v.length > 0 : Array.isArray(v) && v.length > 0;
}

/** Why the request would be refused upstream, or undefined when its credential is where it belongs. */
export function missingCredential(kind: ProviderKind, headers: IncomingHttpHeaders, query: Readonly<Record<string, string>>): string | undefined {
  switch (kind) {
    case 'openai':
    case 'mistral':
    case 'cohere':
    case 'openai-compatible':
      return has(headers, 'authorization') ? undefined : 'missing Authorization header';
    case 'azure':
      return has(headers, 'api-key') || has(headers, 'authorization') ? undefined : 'missing api-key header';
    case 'anthropic':
      return has(headers, 'x-api-key') || has(headers, 'authorization') ? undefined : 'missing x-api-key header';
    case 'gemini':
      return has(headers, 'x-goog-api-key') || query['key'] !== undefined || has(headers, 'authorization') ? undefined : 'missing API key (x-goog-api-key header or key query parameter)';
    case 'bedrock': {
      const a = headers['authorization'];
      return typeof a === 'string' && a.startsWith('AWS4-HMAC-SHA256 ') ? undefined : 'missing SigV4 Authorization header';
    }
    case 'llama2':
    case 'ollama':
      // Self-hosted servers usually run without credentials.
      return undefined;
  }
}
