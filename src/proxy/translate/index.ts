/** The provider translation layer of the reference proxy: pure functions from an OpenAI-format
 * client request to a provider's wire request, and from the provider's reply (buffered or
 * streamed) back to OpenAI format, with Kong 3.10's semantics. No I/O happens here. */
export { buildUpstreamRequest } from './request.ts';
export { translateResponse } from './response.ts';
export { createStreamTranslator, DONE_FRAME, ERROR_FRAME, type StreamTranslator } from './stream.ts';
export { mergeModelOptions } from './options.ts';
export { amzDate, signBedrock, type AwsCredentials } from './aws-sigv4.ts';
export { createEventStreamDecoder, type EventStreamMessage, type EventStreamHeaderValue } from './stream/aws-eventstream.ts';
export { createFramer, framingFor, type Framing } from './stream/framing.ts';
export type { Frame, Framer } from './stream/frame.ts';
export type {
  BuildResult,
  BuildUpstreamInput,
  ClientHeaders,
  JsonObject,
  TranslatedResponse,
  UpstreamRequest,
  Usage,
} from './types.ts';
