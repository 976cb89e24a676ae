/** A gateway the user runs (a Kong) at a URL. It loads one config for the whole run, so `begin`
 * merges every case into one model (merge-cases.ts), compiles it with the deck target, writes the
 * decK file and an env file with the test consumer keys, and says how to load them; then it waits
 * until the gateway serves the first case's route (or for Enter with `wait`). The mock providers
 * must listen where that gateway can reach them (`--mock-host`, `--advertise`). */
import { writeFileSync } from 'node:fs';
import { error, formatDiagnostics, type Diagnostic, type Result } from '../../diagnostics/index.ts';
import type { Artefact } from '../../emit/index.ts';
import type { Feature, GatewayModel } from '../../model/index.ts';
import { kongProviderName, MOCK_CREDENTIAL } from '../../proxy/index.ts';
import type { Begun, CaseModel, GatewayUnderTest, PreparedGateway, PrepareContext } from '../gateway.ts';
import type { MockFront } from '../mock-front.ts';
import { casePrefix, mergeCases, type MergedCases } from './merge-cases.ts';

export interface UrlGatewayOptions {
  readonly url: string;
  readonly features: ReadonlySet<Feature>;
  /** The deck target's emit (passed in by the CLI). */
  readonly compile: (model: GatewayModel) => Result<readonly Artefact[]>;
  /** Where the decK file goes; the env file goes beside it (`.env`). */
  readonly deckOut: string;
  /** Resolves when the user says the gateway is loaded (Enter); else the gateway is polled. */
  readonly waitForUser?: () => Promise<void>;
  readonly say: (text: string) => void;
  /** @default 600000 */
  readonly readyTimeoutMs?: number;
}

export function urlGateway(options: UrlGatewayOptions): GatewayUnderTest {
  const base = options.url.replace(/\/+$/, '');
  let merged: MergedCases | undefined;
  return {
    id: base,
    features: options.features,
    async begin(cases: readonly CaseModel[], front: MockFront): Promise<Result<Begun>> {
      const built = mergeLoadable(cases, front, options.compile);
      if (!built.ok) return built;
      const { deck, skipped } = built.value;
      merged = built.value.merged;
      if (merged.model.routes.length === 0) return { ok: true, value: { skipped }, warnings: [] };
      const file = deck[0];
      if (file === undefined) return { ok: false, diagnostics: [error('target_unknown', [], 'the deck target wrote no file')] };
      const envFile = `${options.deckOut}.env`;
      writeFileSync(options.deckOut, file.content);
      writeFileSync(envFile, envFileFor(merged));
      options.say(
        [
          `Load ${options.deckOut} into the gateway at ${base}:`,
          `  set -a; . ${envFile}; set +a; deck gateway sync ${options.deckOut}`,
          `(decK fills the test consumer keys in from the DECK_ variables; start Kong with --env-file ${envFile} too,`,
          ` so its env vault finds the provider credentials, which the mocks accept whatever they are).`,
          `Its providers point at the mock providers at ${front.url}.`,
          '',
        ].join('\n'),
      );
      if (options.waitForUser) await options.waitForUser();
      else {
        const first = merged.model.routes.flatMap((r) => r.paths).find((p) => p.startsWith('/'));
        if (first !== undefined && !(await loaded(base + first, options.readyTimeoutMs ?? 600_000, options.say))) {
          return { ok: false, diagnostics: [error('usage', [], `the gateway at ${base} did not serve ${first} in time`, `load ${options.deckOut}, or pass --wait`)] };
        }
      }
      return { ok: true, value: { skipped }, warnings: built.warnings };
    },
    async prepare(model: GatewayModel, { caseName }: PrepareContext): Promise<Result<PreparedGateway>> {
      const prefix = caseName === undefined ? undefined : merged?.prefixes.get(caseName);
      if (prefix === undefined) return { ok: false, diagnostics: [error('usage', [], `case ${caseName ?? '(unnamed)'} is not in the loaded config`)] };
      const keys = merged?.keys.get(caseName ?? '');
      const header = (name: string) => {
        const m = model.models.find((x) => x.name === name);
        const p = m && model.providers.find((x) => x.name === m.provider);
        return m && p ? `${kongProviderName(p.kind)}/${m.model}` : undefined;
      };
      return {
        ok: true,
        warnings: [],
        value: {
          address: (path) => ({ url: base + prefix + path, headers: {} }),
          keyFor: (consumer) => keys?.get(consumer),
          upstreamHeaders(headers) {
            const own = `${prefix.slice(1)}-`;
            const out = { ...headers };
            for (const h of ['x-consumer-username', 'x-consumer-custom-id']) if (out[h]?.startsWith(own)) out[h] = out[h].slice(own.length);
            return out;
          },
          servedBy(answer, route) {
            const named = answer.headers['x-kong-llm-model'];
            return named === undefined ? [] : (route?.models ?? []).filter((m) => header(m) === named);
          },
          close: () => Promise.resolve(),
        },
      };
    },
    close: () => Promise.resolve(),
  };
}

/** The merged config of every case the target can compile, and why the others are left out: a
 * case it cannot compile alone, then (one at a time, while the merge fails) a case whose entities
 * the merged config's errors name, since Kong applies a consumer's plugins on every route and a
 * check may fail only in company. */
function mergeLoadable(
  cases: readonly CaseModel[],
  front: MockFront,
  compile: UrlGatewayOptions['compile'],
): Result<{ merged: MergedCases; deck: readonly Artefact[]; skipped: Map<string, string> }> {
  const skipped = new Map<string, string>();
  const indexed = cases.map((c, index) => ({ ...c, index }));
  let left = indexed.filter((c) => {
    const alone = compile(mergeCases([c], front).model);
    if (!alone.ok) skipped.set(c.name, `the deck target cannot compile this config:\n${plain(alone.diagnostics)}`);
    return alone.ok;
  });
  for (;;) {
    const merged = mergeCases(left, front);
    const deck = compile(merged.model);
    if (deck.ok) return { ok: true, value: { merged, deck: deck.value, skipped }, warnings: deck.warnings };
    const errors = deck.diagnostics.filter((d) => d.severity === 'error');
    const culprit = left.find((c) => errors.some((d) => d.path.some((seg) => typeof seg === 'string' && seg.startsWith(`${casePrefix(c.index)}-`))));
    if (culprit === undefined) return deck;
    const why = errors.filter((d) => d.path.some((seg) => typeof seg === 'string' && seg.startsWith(`${casePrefix(culprit.index)}-`)));
    skipped.set(culprit.name, `the deck target cannot compile this config together with the others (one decK file holds every case):\n${plain(why)}`);
    left = left.filter((c) => c !== culprit);
  }
}

function plain(diagnostics: readonly Diagnostic[]): string {
  return formatDiagnostics(diagnostics, { color: false }).trimEnd();
}

/** The variables the decK file needs: the consumer keys for decK (`DECK_` + name, its load-time
 * substitution) and for anything reading them plainly, and a placeholder for every provider
 * credential Kong reads from its env vault. */
function envFileFor(merged: MergedCases): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(merged.env)) lines.push(`DECK_${k}=${v}`, `${k}=${v}`);
  const providerVars = new Set<string>();
  for (const p of merged.model.providers) {
    const a = p.auth;
    const refs = a?.kind === 'header' || a?.kind === 'param' ? [a.value] : a?.kind === 'aws' ? [a.accessKeyId, a.secretAccessKey] : [];
    for (const r of refs) if (r.kind === 'env') providerVars.add(r.name);
  }
  for (const name of [...providerVars].sort()) lines.push(`${name}=${MOCK_CREDENTIAL}`);
  return `${lines.join('\n')}\n`;
}

/** Polls until the route answers with anything but Kong's "no Route matched" 404. */
async function loaded(url: string, timeoutMs: number, say: (t: string) => void): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(2000) });
      const text = await r.text();
      if (!(r.status === 404 && /no Route matched/i.test(text))) return true;
    } catch {
      // not up yet
    }
    if (!told) say(`waiting for ${url} …\n`);
    told = true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}
