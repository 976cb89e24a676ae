/**
 * The order a sync runs in: whatever is referenced is created before whatever references it, and
 * deletions run the other way, so nothing is ever left pointing at an object that is gone.
 * One table for every target; kind names do not collide (Kubernetes kinds are PascalCase, Kong
 * entity names lower_snake, the reference proxy's objects PascalCase names no Kubernetes target
 * writes), so each target's column is read on its own.
 *
 *   level  Kubernetes                         Kong DB-less                        reference
 *   ─────  ─────────────────────────────────  ──────────────────────────────────  ─────────────────────
 *     0    Secret                             vault                               Gateway
 *     1    KongConsumerGroup                  consumer_group                      Provider, ConsumerGroup
 *     2    KongConsumer ─► Secret, group      consumer, keyauth_credential,       Model ─► Provider
 *                                             consumer_group_consumer             Consumer ─► group
 *                                               ─► consumer, group
 *     3    KongPlugin, KongClusterPlugin      service
 *     4    Service (placeholder backend)      route ─► service                    Route ─► Model
 *     5    HTTPRoute ─► plugins, Service      plugin ─► route, consumer           ReferenceBundle (a proxy
 *          AIGateway ─► Secret                consumer_group_plugin ─► group        that serves no bundle)
 *
 *   create / update: top-down, 0 ▼ 5               delete (prune): bottom-up, 5 ▲ 0
 *
 * KIC resolves references lazily, so for Kubernetes the order is about not routing traffic to a
 * plugin or credential that does not exist yet; for Kong DB-less and the reference proxy the whole
 * config is posted at once and the order only sets how the plan reads.
 */
export const LEVELS: readonly (readonly string[])[] = [
  ['Secret', 'vault', 'Gateway'],
  ['KongConsumerGroup', 'consumer_group', 'Provider', 'ConsumerGroup'],
  ['KongConsumer', 'consumer', 'keyauth_credential', 'consumer_group_consumer', 'Model', 'Consumer'],
  ['KongPlugin', 'KongClusterPlugin', 'service'],
  ['Service', 'route', 'Route'],
  ['HTTPRoute', 'AIGateway', 'plugin', 'consumer_group_plugin', 'ReferenceBundle'],
];

const LEVEL_OF = new Map(LEVELS.flatMap((kinds, level) => kinds.map((k) => [k, level] as const)));

/** A kind no level names goes last: it may reference anything, and is deleted first. */
export function levelOf(kind: string): number {
  return LEVEL_OF.get(kind) ?? LEVELS.length;
}
