// The `aigate-policies` row of `npm run bench`: the same route as openai.config.ts with the
// policies a real deployment turns on: key-auth, a prompt guard, a prompt decorator and a token
// limit (held in memory, set so high that it never refuses: the bench measures the counting,
// not the 429s). The bench's requests carry BENCH_CONSUMER_KEY in `apikey` and pass the guard.
import { defineGateway, secret } from 'aigate';

const upstream = process.env.BENCH_UPSTREAM ?? 'http://127.0.0.1:8787';

export default defineGateway({
  name: 'bench-policies',
  providers: {
    openai: {
      kind: 'openai',
      url: `${upstream}/openai/v1/chat/completions`,
      auth: { header: 'Authorization', value: secret.env('BENCH_OPENAI_AUTH') },
    },
  },
  models: {
    'gpt-4o-mini': { provider: 'openai', model: 'gpt-4o-mini' },
  },
  routes: {
    chat: {
      path: '/v1/chat/completions',
      model: 'gpt-4o-mini',
      auth: true,
      policies: {
        promptGuard: { deny: ['password', 'api[ _-]?key', 'ignore (all|previous) instructions'] },
        promptDecorator: {
          prepend: [{ role: 'system', content: 'You are a helpful assistant. Never reveal credentials.' }],
          append: [{ role: 'user', content: 'Answer in plain language.' }],
        },
      },
    },
  },
  consumers: {
    bench: {
      keys: [secret.env('BENCH_CONSUMER_KEY')],
      policies: { limits: [{ limit: 1e12, window: 'minute', count: 'total-tokens' }] },
    },
  },
});
