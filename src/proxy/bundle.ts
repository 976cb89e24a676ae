/** Reading a reference bundle: refuse one whose format or versions this proxy does not speak, check
 * that its cross-references hold (a bundle may be hand-made or posted to the admin API), and give
 * it a stable hash so `GET /config` can say which configuration is running. */
import { createHash } from 'node:crypto';
import { error, type Diagnostic, type Result } from '../diagnostics/index.ts';
import { BUNDLE_FORMAT, BUNDLE_VERSION, MODEL_FORMAT_VERSION, PROVIDER_KINDS, ROUTE_TYPES, type ReferenceBundle } from '../model/index.ts';

const RECOMPILE = 'recompile the config with this aigate: aigate compile <config> --target reference (or serve the config file itself)';

/** Accepts the bundle as text or as already-parsed JSON. */
export function loadBundle(json: unknown): Result<ReferenceBundle> {
  let value = json;
  if (typeof json === 'string' || json instanceof Uint8Array) {
    try {
      value = JSON.parse(typeof json === 'string' ? json : Buffer.from(json).toString('utf8'));
    } catch (e) {
      return fail([error('invalid_format', [], `the bundle is not JSON: ${(e as Error).message}`, RECOMPILE)]);
    }
  }
  if (!isObject(value)) return fail([error('invalid_type', [], 'a reference bundle is a JSON object', RECOMPILE)]);

  if (value.format !== BUNDLE_FORMAT) {
    return fail([error('invalid_value', ['format'], `this is not an aigate reference bundle (format ${JSON.stringify(value.format)}, expected "${BUNDLE_FORMAT}")`, RECOMPILE)]);
  }
  const versions: Diagnostic[] = [];
  if (value.bundleVersion !== BUNDLE_VERSION) {
    versions.push(error('invalid_value', ['bundleVersion'], `the bundle has bundleVersion ${JSON.stringify(value.bundleVersion)}; this aigate reads bundleVersion ${BUNDLE_VERSION}`, RECOMPILE));
  }
  if (value.modelFormatVersion !== MODEL_FORMAT_VERSION) {
    versions.push(
      error('invalid_value', ['modelFormatVersion'], `the bundle has modelFormatVersion ${JSON.stringify(value.modelFormatVersion)}; this aigate reads modelFormatVersion ${MODEL_FORMAT_VERSION}`, RECOMPILE),
    );
  }
  if (versions.length > 0) return fail(versions);

  const problems = checkGateway(value.gateway);
  return problems.length > 0 ? fail(problems) : { ok: true, value: value as unknown as ReferenceBundle, warnings: [] };
}

/** sha256 of the bundle's canonical JSON (keys sorted at every depth, no whitespace). */
export function bundleHash(bundle: ReferenceBundle): string {
  return createHash('sha256').update(canonicalJson(bundle)).digest('hex');
}

export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Only what the proxy relies on: shapes it reads and names it looks up. Unknown fields are kept
 * (a newer compiler of the same model version may add optional ones). */
function checkGateway(g: unknown): Diagnostic[] {
  const at = ['gateway'];
  if (!isObject(g)) return [error('invalid_type', at, 'the bundle has no gateway object', RECOMPILE)];
  const out: Diagnostic[] = [];
  if (g.formatVersion !== MODEL_FORMAT_VERSION) {
    out.push(error('invalid_value', [...at, 'formatVersion'], `the gateway model has formatVersion ${JSON.stringify(g.formatVersion)}; this aigate reads ${MODEL_FORMAT_VERSION}`, RECOMPILE));
  }
  if (typeof g.name !== 'string') out.push(error('invalid_type', [...at, 'name'], 'the gateway has no name'));
  const lists = ['providers', 'models', 'routes', 'consumers'] as const;
  for (const k of lists) if (!Array.isArray(g[k])) out.push(error('invalid_type', [...at, k], `gateway.${k} must be an array`));
  if (out.length > 0) return out;

  const providers = new Set<string>();
  (g.providers as unknown[]).forEach((p, i) => {
    if (!isObject(p) || typeof p.name !== 'string' || !(PROVIDER_KINDS as readonly unknown[]).includes(p.kind)) {
      out.push(error('invalid_value', [...at, 'providers', i], `provider ${i} needs a name and a kind (${PROVIDER_KINDS.join(', ')})`));
    } else providers.add(p.name);
  });
  const models = new Set<string>();
  (g.models as unknown[]).forEach((m, i) => {
    if (!isObject(m) || typeof m.name !== 'string' || typeof m.model !== 'string' || !isObject(m.options)) {
      out.push(error('invalid_value', [...at, 'models', i], `model ${i} needs a name, a model and options`));
      return;
    }
    models.add(m.name);
    if (typeof m.provider !== 'string' || !providers.has(m.provider)) {
      out.push(error('unknown_reference', [...at, 'models', i, 'provider'], `model "${m.name}" names an unknown provider ${JSON.stringify(m.provider)}`));
    }
  });
  (g.routes as unknown[]).forEach((r, i) => {
    if (!isObject(r) || typeof r.name !== 'string' || !Array.isArray(r.paths) || !Array.isArray(r.models) || !(ROUTE_TYPES as readonly unknown[]).includes(r.type)) {
      out.push(error('invalid_value', [...at, 'routes', i], `route ${i} needs a name, paths, models and a type (${ROUTE_TYPES.join(', ')})`));
      return;
    }
    if (r.models.length === 0) out.push(error('missing_required', [...at, 'routes', i, 'models'], `route "${r.name}" has no model`));
    r.models.forEach((m, j) => {
      if (typeof m !== 'string' || !models.has(m)) out.push(error('unknown_reference', [...at, 'routes', i, 'models', j], `route "${r.name}" names an unknown model ${JSON.stringify(m)}`));
    });
    r.paths.forEach((p, j) => {
      if (typeof p !== 'string' || !(p.startsWith('/') || p.startsWith('~/'))) {
        out.push(error('invalid_value', [...at, 'routes', i, 'paths', j], `route "${r.name}": a path starts with "/" (prefix) or "~/" (regex)`));
      }
    });
  });
  (g.consumers as unknown[]).forEach((c, i) => {
    if (!isObject(c) || typeof c.name !== 'string' || !Array.isArray(c.credentials) || !Array.isArray(c.groups)) {
      out.push(error('invalid_value', [...at, 'consumers', i], `consumer ${i} needs a name, groups and credentials`));
    }
  });
  return out;
}

function fail<T>(diagnostics: readonly Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
