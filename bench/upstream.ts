/** The bench's upstream: aigate's mock providers (src/mock) in their own pinned process, recording
 * off. Every system under test reaches this one process at `/openai/v1/chat/completions`.
 *
 * The reply is fixed (`REPLY_TEXT`, whatever the prompt, so a decorator that adds messages does not
 * change the reply's size): a JSON chat completion, or a stream of 16 word deltas plus the role
 * chunk, finish chunk and `[DONE]`. For throughput the stream is written at once (chunk interval 0);
 * for the first-byte run `setChunkInterval` spaces the chunks, so a proxy that buffers shows.
 *
 * Run directly, it is the child: `node bench/upstream.ts --port N` prints one JSON line when ready. */
import { parseArgs } from 'node:util';
import type { Request } from './load.ts';
import { spawnNode, stopChild, waitForHttp } from './systems/child.ts';
import { startMockProviders } from '../src/mock/index.ts';

export const MODEL = 'gpt-4o-mini';

/** The chat every bench run sends: a system and a user message, streamed or not, to `system.url`
 * with the headers that system needs. */
export function chatRequest(system: { readonly url: string; readonly headers: Readonly<Record<string, string>> }, stream: boolean): Request {
  const body = JSON.stringify({
    model: MODEL,
    ...(stream && { stream: true }),
    messages: [
      { role: 'system', content: 'You are a concise assistant.' },
      { role: 'user', content: 'What is the capital of France? Answer in one sentence, with a little context.' },
    ],
  });
  return { url: system.url, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench', ...system.headers }, body };
}

/** Sends that chat once, before measuring: a system that answers wrongly would otherwise look fast.
 * Throws unless it answers 200 with a chat completion (JSON) or a stream ending in `[DONE]`. */
export async function answersChat(system: { readonly url: string; readonly headers: Readonly<Record<string, string>> }, stream: boolean, label: string): Promise<Request> {
  const r = chatRequest(system, stream);
  const res = await fetch(r.url, { method: 'POST', headers: r.headers, body: r.body });
  const text = await res.text();
  const ok = res.status === 200 && text.includes(stream ? 'data: [DONE]' : '"choices"');
  if (!ok) throw new Error(`${label} answered the ${stream ? 'stream' : 'json'} chat with ${res.status}: ${text.slice(0, 300)}`);
  return r;
}
const REPLY_TEXT =
  'The capital of France is Paris, a city on the Seine known for the Louvre, the Eiffel Tower, its cafés and its long history as a centre of art, science and politics in Europe.';

export interface Upstream {
  /** `http://127.0.0.1:PORT`, the mock's root. */
  readonly url: string;
  /** The OpenAI chat endpoint on the mock. */
  readonly chatUrl: string;
  readonly pid: number;
  /** Milliseconds between stream chunks from now on (0: the whole stream in one write). */
  setChunkInterval(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startUpstream(opts: { readonly core: number; readonly port: number }): Promise<Upstream> {
  const child = spawnNode(['bench/upstream.ts', '--port', String(opts.port)], { core: opts.core });
  const url = `http://127.0.0.1:${opts.port}`;
  await waitForHttp(`${url}/__mock/health`, child);
  const setChunkInterval = async (ms: number) => {
    const res = await fetch(`${url}/__mock/on-model`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, reply: { text: REPLY_TEXT, chunkIntervalMs: ms } }),
    });
    if (res.status !== 204) throw new Error(`mock on-model answered ${res.status}: ${await res.text()}`);
  };
  await setChunkInterval(0);
  return { url, chatUrl: `${url}/openai/v1/chat/completions`, pid: child.pid as number, setChunkInterval, close: () => stopChild(child) };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  const mock = await startMockProviders({ port: Number(values.port), host: '127.0.0.1', record: false });
  const stop = () => void mock.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
