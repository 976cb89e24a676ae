/** The one interface every gateway under test implements: `aigate test` runs the reference proxy
 * through it, `aigate conformance` runs the reference proxy, Portkey or a Kong at a URL. A gateway
 * says which features it can run (the shared vocabulary), gets ready for one config, says where a
 * request for a path goes, and, when it can, which model answered. */
import type { Result } from '../diagnostics/index.ts';
import type { Feature, GatewayModel, Route } from '../model/index.ts';
import type { Answer } from './client.ts';
import type { MockFront } from './mock-front.ts';

export interface PrepareContext {
  /** Every provider of the model points here (`front.baseFor(model)` + a mock path). */
  readonly front: MockFront;
  /** Test consumer keys, as environment variables. */
  readonly env: Readonly<Record<string, string>>;
  /** The conformance case being prepared (a gateway that loads every case at once finds its part). */
  readonly caseName?: string;
}

export interface Address {
  readonly url: string;
  /** Headers the gateway needs besides the test's own (e.g. Portkey's `x-portkey-config`). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface PreparedGateway {
  /** Where a test request for `path` goes; `route` is the config's route for it, if any. */
  address(path: string, route: Route | undefined): Address;
  /** The model names the answer's headers point to, when the gateway names the model it used. */
  servedBy?(answer: Answer, route: Route | undefined): readonly string[];
  /** The key a consumer sends, when the gateway was given other keys than the test model's. */
  keyFor?(consumer: string): string | undefined;
  /** Upstream headers as the case would name things, when the gateway runs it under other names
   * (a merged config's `c01-alice` is the case's `alice`). */
  upstreamHeaders?(headers: Readonly<Record<string, string>>): Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** One case's config as a gateway that loads every case at once sees it. */
export interface CaseModel {
  readonly name: string;
  readonly model: GatewayModel;
}

export interface Begun {
  /** Cases the gateway cannot load, by name, with the reason (they are skipped). */
  readonly skipped: ReadonlyMap<string, string>;
}

export interface GatewayUnderTest {
  /** `reference`, `portkey`, or the URL. */
  readonly id: string;
  readonly features: ReadonlySet<Feature>;
  /** Loads one config (a fresh state: no counters, no cache); diagnostics when it cannot run. */
  prepare(model: GatewayModel, context: PrepareContext): Promise<Result<PreparedGateway>>;
  /** Called once before any case, with every case that will run, for a gateway that must load
   * them all at once (a Kong the user starts with one decK file). */
  begin?(cases: readonly CaseModel[], front: MockFront): Promise<Result<Begun>>;
  /** Stops what `prepare` could not stop per config (a gateway process). */
  close(): Promise<void>;
}

/** The route a request path reaches: regex paths first, in config order, then the longest prefix
 * (the reference proxy's and Kong's order). */
export function routeForPath(model: GatewayModel, path: string): Route | undefined {
  const bare = path.split('?')[0] ?? path;
  for (const r of model.routes) {
    for (const p of r.paths) {
      if (!p.startsWith('~')) continue;
      try {
        if (new RegExp(`^(?:${p.slice(1)})`).test(bare)) return r;
      } catch {
        // An invalid regex never matches; validation reports it.
      }
    }
  }
  let best: { route: Route; length: number } | undefined;
  for (const r of model.routes) {
    for (const p of r.paths) {
      if (p.startsWith('~') || !bare.startsWith(p)) continue;
      if (best === undefined || p.length > best.length) best = { route: r, length: p.length };
    }
  }
  return best?.route;
}
