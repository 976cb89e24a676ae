/** `defineCase` for the suite's case files: the engine's case type with the config typed as a user
 * writes it (`GatewayConfig`), so an editor checks every case's config like a real one. */
import type { GatewayConfig } from '../../src/index.ts';
import type { ConformanceCase } from '../../src/testing/conformance/case.ts';

export type Case = ConformanceCase<GatewayConfig>;

export const defineCase = (c: Case): Case => c;
