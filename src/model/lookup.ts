/** Finds a named entity in one of the model's lists without a linear scan: configs with ten
 * thousand consumers look names up once per entity, which would otherwise be quadratic. */

const indexes = new WeakMap<readonly { readonly name: string }[], Map<string, unknown>>();

export function byName<T extends { readonly name: string }>(list: readonly T[], name: string): T | undefined {
  let index = indexes.get(list) as Map<string, T> | undefined;
  if (!index) {
    index = new Map(list.map((e) => [e.name, e]));
    indexes.set(list, index);
  }
  return index.get(name);
}

