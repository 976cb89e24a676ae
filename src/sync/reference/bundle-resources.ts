/** A reference bundle as the objects a diff talks about: one per provider, model, consumer group,
 * consumer and route (by name), and one `Gateway` holding everything else (versions, vaults, Redis,
 * gateway-wide policies). So a changed route reads `~ update Route/chat`, not "the hash differs". */
import { isInlineSecret } from '../../model/index.ts';
import type { Resource } from '../change.ts';
import { isRecord } from '../equal.ts';
import type { FieldPath, SecretFields } from '../mask.ts';

/** The bundle's named lists, and the kind each item becomes. */
const SECTIONS: Readonly<Record<string, string>> = {
  providers: 'Provider',
  models: 'Model',
  consumerGroups: 'ConsumerGroup',
  consumers: 'Consumer',
  routes: 'Route',
};

const GATEWAY_KIND = 'Gateway';

export function bundleResources(bundle: Readonly<Record<string, unknown>>): Resource[] {
  const { gateway, ...envelope } = bundle;
  const g = isRecord(gateway) ? gateway : {};
  const rest: Record<string, unknown> = {};
  const items: Resource[] = [];
  for (const [key, value] of Object.entries(g)) {
    const kind = SECTIONS[key];
    // A list this aigate does not know, or an item without a name, stays in the Gateway object.
    if (kind === undefined || !Array.isArray(value) || !value.every((v) => isRecord(v) && typeof v.name === 'string')) {
      rest[key] = value;
      continue;
    }
    for (const item of value as Record<string, unknown>[]) items.push({ kind, name: item.name as string, body: item });
  }
  const name = typeof g.name === 'string' ? g.name : '';
  return [{ kind: GATEWAY_KIND, name, body: { ...envelope, ...rest } }, ...items];
}

/** The paths of every inline secret value (`{kind: 'inline', value}`) in these objects, per kind,
 * list positions as `*`: the diff shows `***` there, and `*** (before)` / `*** (after)` when the
 * value changed. Other secret references (env, vault, …) name where a secret lives and are shown. */
export function inlineSecretFields(resources: readonly Resource[]): SecretFields {
  const found = new Map<string, Map<string, FieldPath>>();
  const walk = (kind: string, v: unknown, path: string[]): void => {
    if (Array.isArray(v)) {
      for (const item of v) walk(kind, item, [...path, '*']);
      return;
    }
    if (!isRecord(v)) return;
    if (isInlineSecret(v)) {
      const p = [...path, 'value'];
      let paths = found.get(kind);
      if (paths === undefined) found.set(kind, (paths = new Map()));
      paths.set(p.join('\u0000'), p);
      return;
    }
    for (const [k, child] of Object.entries(v)) walk(kind, child, [...path, k]);
  };
  for (const r of resources) walk(r.kind, r.body, []);
  return Object.fromEntries([...found].map(([kind, paths]) => [kind, [...paths.values()]]));
}
