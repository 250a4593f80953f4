/**
 * The KPI collectors built into Resonanz. Other modules add theirs with `registerKpiCollector`
 * (the inbox: first-response time and share within target); see docs/architecture.md.
 */
import { registerKpiCollector } from '../../strategy/kpi-collectors.ts';
import { listeningCollector } from './listening-collector.ts';
import { networkMetricsCollector } from './network-metrics-collector.ts';
import { postsCollector } from './posts-collector.ts';

export function registerBuiltInKpiCollectors(): void {
  registerKpiCollector(postsCollector);
  registerKpiCollector(listeningCollector);
  registerKpiCollector(networkMetricsCollector);
}
