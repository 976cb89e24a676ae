/** What every test run needs once: the mock providers, the model-aware front before them, and one
 * HTTP client. Started once per run; each test only resets them. */
import { startMockProviders, type MockProviders } from '../mock/index.ts';
import { TestClient } from './client.ts';
import { startMockFront, type MockFront } from './mock-front.ts';

export interface Harness {
  readonly mocks: MockProviders;
  readonly front: MockFront;
  readonly client: TestClient;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Where the front listens: loopback unless a gateway elsewhere must reach it. @default 127.0.0.1 */
  readonly host?: string;
  readonly port?: number;
  /** The host name gateways use to reach the front (e.g. `host.docker.internal`). */
  readonly advertise?: string;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const mocks = await startMockProviders({ port: 0, host: '127.0.0.1' });
  const front = await startMockFront({
    mock: mocks,
    ...(options.host !== undefined && { host: options.host }),
    ...(options.port !== undefined && { port: options.port }),
    ...(options.advertise !== undefined && { advertise: options.advertise }),
  });
  const client = new TestClient();
  return {
    mocks,
    front,
    client,
    async close() {
      await client.close();
      await front.close();
      await mocks.close();
    },
  };
}
