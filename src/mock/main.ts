/**
 * Runs the mock providers on their own, for benchmarks and manual poking:
 *   node src/mock/main.ts [--port 8787] [--host 127.0.0.1] [--cassettes DIR] [--no-record] [--require-auth]
 * Prints the URL and each provider's chat endpoint, then serves until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { loadCassettes } from './cassette.ts';
import { describeMockScheme } from './routes.ts';
import { startMockProviders } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    cassettes: { type: 'string' },
    'no-record': { type: 'boolean', default: false },
    'require-auth': { type: 'boolean', default: false },
  },
});

const mock = await startMockProviders({
  port: Number(values.port),
  host: values.host,
  record: !values['no-record'],
  requireAuth: values['require-auth'],
  ...(values.cassettes === undefined ? {} : { cassettes: await loadCassettes(values.cassettes) }),
});
const lines = describeMockScheme()
  .split('\n')
  .map((l) => {
    const i = l.indexOf(': ');
    return `  ${l.slice(0, i).padEnd(18)} ${mock.url}${l.slice(i + 2)}`;
  });
process.stdout.write(`aigate mock providers on ${mock.url}\n${lines.join('\n')}\n`);
const stop = () => void mock.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
