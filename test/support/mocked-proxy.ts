/** A reference proxy in front of the mock providers, for the proxy's HTTP tests: the mocks on a
 * loopback port, every provider of the bundle pointed at them, no admin listener. */
import { toDotPath } from '../../src/diagnostics/index.ts';
import { pointAtMocks } from '../../src/mock/point-at-mocks.ts';
import { startMockProviders, type MockProviders } from '../../src/mock/index.ts';
import { startProxy, type ProxyOptions, type ReferenceProxy } from '../../src/proxy/index.ts';

type MockOptions = Parameters<typeof startMockProviders>[0];

export async function startMockedProxy(
  options: Omit<ProxyOptions, 'admin' | 'mock' | 'upstreamUrlFor'>,
  mockOptions?: MockOptions,
): Promise<{ readonly mock: MockProviders; readonly proxy: ReferenceProxy }> {
  const mock = await startMockProviders(mockOptions);
  const started = await startProxy({ ...options, admin: false, mock: true, upstreamUrlFor: pointAtMocks(mock.url) });
  if (!started.ok) {
    await mock.close();
    throw new Error(`the proxy refused the test bundle: ${started.diagnostics.map((d) => `${toDotPath(d.path)}: ${d.message}`).join('; ')}`);
  }
  return { mock, proxy: started.value };
}
