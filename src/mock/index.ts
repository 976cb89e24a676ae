/** Mock LLM providers: deterministic fake upstreams that speak each provider's real wire format. */
export { startMockProviders } from './server.ts';
export type { MockProviders, MockProvidersOptions } from './server.ts';
export type {
  Cassette,
  CassetteMatch,
  Dialect,
  MockFault,
  MockProviderRef,
  MockReply,
  MockStreamEvent,
  RecordedRequest,
} from './types.ts';
export { DEFAULT_AZURE_API_VERSION, describeMockScheme, mockPathFor, mockSdkBasePath, resolveMockRoute } from './routes.ts';
export type { MockPathOptions, MockRoute } from './routes.ts';
export { MockInputError, loadCassette, loadCassettes, parseCassette, parseMockReply, replyFromFile } from './cassette.ts';
export { MOCK_HEADERS } from './faults.ts';
export { encodeBedrockEvent, encodeBedrockException, encodeEventStreamMessage } from './aws-eventstream-encode.ts';
export { countWords } from './text.ts';
export { MOCK_EPOCH_S, MOCK_EPOCH_ISO } from './providers/index.ts';
export { CONTROL_PREFIX } from './control.ts';
