/** Running tests against gateways: the tests written in a config (`aigate test`) and the shared
 * conformance suite (`aigate conformance`). Gateways under test are plug-ins (`gateway.ts`); the
 * mock providers sit behind a model-aware front (`mock-front.ts`). Targets are passed in by the
 * CLI, never imported here. */
export { runTests, runSteps, type RunTestsOptions, type StepFailure, type TestOutcome } from './run-tests.ts';
export { startHarness, type Harness, type HarnessOptions } from './harness.ts';
export { startMockFront, type FrontCall, type MockFront, type MockFrontOptions } from './mock-front.ts';
export { TestClient, readSse, type Answer, type StreamView } from './client.ts';
export { routeForPath, type Address, type GatewayUnderTest, type PreparedGateway, type PrepareContext } from './gateway.ts';
export { matchHeaders, matchSubset, show, type Mismatch } from './match.ts';
export { messagesOf, type Message } from './messages.ts';
export { runStep, runnable, toMockReply, type RunnableStep, type StepContext } from './step.ts';
export { testModel, type TestModel } from './test-model.ts';
export { referenceGateway, type ReferenceGatewayOptions } from './gateways/reference.ts';
export { prettyOutcome, prettySummary } from './report/pretty.ts';
export { tapReport } from './report/tap.ts';
export { junitReport } from './report/junit.ts';
export { describeFailures, describeMismatch } from './report/describe.ts';
export { isConformanceCase, type ConformanceCase, type Exchange, type ExchangeRequest, type KnownDifference } from './conformance/case.ts';
export { buildCase, type BuiltCase } from './conformance/build-case.ts';
export { loadCases } from './conformance/load-cases.ts';
export { renderReport, type ReportFiles, type ReportOptions } from './conformance/report.ts';
export { runConformanceCases, type CaseResult, type ConformanceOptions, type ConformanceRun, type SkipRule } from './conformance/run-conformance.ts';
export { portkeyGateway, type CompiledPortkeyRoute, type PortkeyCompile, type PortkeyGatewayOptions } from './gateways/portkey.ts';
export { urlGateway, type UrlGatewayOptions } from './gateways/url.ts';
export { mergeCases, type MergedCases } from './gateways/merge-cases.ts';
