// Counts the claims a worker takes over from attempts that died before recording the provider's answer:
// each one may have gone out twice, so a rise is worth a look after a crash.
import type { Ledger } from '../../store/ledger.js';
import type { WorkerMetrics } from './worker-metrics.js';

export function meteredLedger(ledger: Ledger, metrics: WorkerMetrics): Ledger {
  const claimDeliveries: Ledger['claimDeliveries'] = async (batch, userIds, opts) => {
    const results = await ledger.claimDeliveries(batch, userIds, opts);
    const reclaimed = results.filter((r) => r === 'reclaimed').length;
    if (reclaimed > 0) metrics.claimsReclaimed.inc({ channel: batch.channel }, reclaimed);
    return results;
  };
  return new Proxy(ledger, {
    get(target, prop) {
      if (prop === 'claimDeliveries') return claimDeliveries;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
