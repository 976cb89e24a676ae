/** Object names: DNS-1123 labels from `dnsLabel`, stable, prefixed with the gateway name so two
 * gateways in one namespace never adopt each other's objects (the AIGateway controller's names
 * collide that way, kgo FACTS §2). KongConsumerGroups are the exception: KIC uses their object
 * name as the Kong group name, so it stays the group's own name. */
import { dnsLabel } from '../../src/emit/index.ts';

export const httpRouteName = (gateway: string, route: string): string => dnsLabel(gateway, route);

export const pluginName = (gateway: string, route: string, plugin: string): string => dnsLabel(gateway, route, plugin);

export const consumerPluginName = (gateway: string, consumer: string, plugin: string): string => dnsLabel(gateway, 'consumer', consumer, plugin);

export const groupPluginName = (gateway: string, group: string, plugin: string): string => dnsLabel(gateway, 'group', group, plugin);

/** Global plugins are KongClusterPlugins, one namespace for the whole cluster: the gateway name keeps them apart. */
export const globalPluginName = (gateway: string, plugin: string): string => dnsLabel(gateway, 'global', plugin);

export const consumerName = (gateway: string, consumer: string): string => dnsLabel(gateway, consumer);

export const consumerGroupName = (group: string): string => dnsLabel(group);

export const credentialSecretName = (gateway: string, consumer: string, index: number): string => dnsLabel(gateway, consumer, 'key-auth', String(index));

export const placeholderServiceName = (gateway: string): string => dnsLabel(gateway, 'placeholder');
