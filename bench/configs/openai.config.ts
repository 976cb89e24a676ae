// The gateway `npm run bench` serves: one OpenAI chat route whose provider `url` is the bench's
// mock upstream (BENCH_UPSTREAM, set by bench/systems/aigate.ts), so aigate, Portkey and the bare
// pass-through all reach the same upstream with no `--mock` rewriting in between.
import { defineGateway, secret } from 'aigate';

const upstream = process.env.BENCH_UPSTREAM ?? 'http://127.0.0.1:8787';

export default defineGateway({
  name: 'bench',
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
    chat: { path: '/v1/chat/completions', model: 'gpt-4o-mini' },
  },
});
