// One delivery at a time through the ledger's batch methods (the fan-out claims and records pages).
import type {
  ClaimOptions,
  ClaimResult,
  DeliveryKey,
  DeliveryOutcome,
  DeliveryStatus,
  Ledger,
} from '../../store/ledger.js';

export async function claimOne(ledger: Ledger, key: DeliveryKey, opts?: ClaimOptions): Promise<ClaimResult> {
  const [result] = await ledger.claimDeliveries(key, [key.userId], opts);
  return result!;
}

export async function recordOne(
  ledger: Ledger,
  key: DeliveryKey,
  outcome: DeliveryOutcome,
): Promise<DeliveryStatus | undefined> {
  const [status] = await ledger.recordDeliveryOutcomes([{ key, outcome }]);
  return status;
}
