// Deliveries held for a later pass of the fan-out: an SMS or call claimed during the person's quiet
// hours goes back as `scheduled` until they end; a call nobody answered (busy, no answer) is
// scheduled again after VOICE_RETRY_AFTER until VOICE_RETRIES are used up, then fails for good so
// the next channel is tried. The fan-out workflow asks when the next one is due and sleeps till then.
import { sql } from 'kysely';
import { deliveryByKey, statusOneOf, type DeliveryKey, type DeliveryStatus } from './deliveries.js';
import type { ClaimBatch } from './delivery-claims.js';
import { chunks, nowIso, SqlRepository } from './sql-repository.js';

export interface UnansweredCall {
  /** `busy` or `no-answer`, as Twilio reported it. */
  status: string;
  /** Calls again after this many unanswered ones have failed: the next channel is tried. */
  retries: number;
  retryAfterMs: number;
  now?: string;
}

export interface ScheduleState {
  /** The earliest `not_before` of the fan-out's scheduled deliveries (ISO), if any. */
  nextAt?: string;
  /** Calls accepted by the provider whose final status has not arrived yet. */
  callsInFlight: number;
}

export interface DeliverySchedule {
  /** Gives back claims held for quiet hours: `scheduled` until `notBefore`. Only rows still claimed. */
  scheduleDeliveries(batch: ClaimBatch, userIds: readonly string[], notBefore: string): Promise<void>;
  /**
   * A call nobody answered: scheduled again, or failed for good once the retries are used up.
   * Found by its key and the call's sid, so a late callback of an earlier call changes nothing.
   */
  recordUnansweredCall(
    key: DeliveryKey,
    callSid: string,
    call: UnansweredCall,
  ): Promise<DeliveryStatus | undefined>;
  deliveryScheduleState(incidentId: string, noticeVersion: number): Promise<ScheduleState>;
}

export class SqlDeliverySchedule extends SqlRepository implements DeliverySchedule {
  async scheduleDeliveries(batch: ClaimBatch, userIds: readonly string[], notBefore: string): Promise<void> {
    const now = nowIso();
    await this.write(async (trx) => {
      for (const ids of chunks([...userIds])) {
        await trx
          .updateTable('deliveries')
          .set({
            status: 'scheduled',
            not_before: notBefore,
            error_code: 'QUIET_HOURS',
            error_message: `held for the person's quiet hours until ${notBefore}`,
            updated_at: now,
          })
          .where('incident_id', '=', batch.incidentId)
          .where('channel', '=', batch.channel)
          .where('notice_version', '=', batch.noticeVersion)
          .where('user_id', 'in', ids)
          .where(statusOneOf(['claimed']))
          .execute();
      }
    });
  }

  async recordUnansweredCall(
    key: DeliveryKey,
    callSid: string,
    call: UnansweredCall,
  ): Promise<DeliveryStatus | undefined> {
    const now = call.now ?? nowIso();
    return this.write(async (trx) => {
      const row = await trx
        .selectFrom('deliveries')
        .select(['status', 'unanswered_calls'])
        .where(deliveryByKey(key))
        .where('provider_id', '=', callSid)
        .executeTakeFirst();
      if (!row) return undefined;
      if (row.status !== 'accepted' && row.status !== 'claimed') return row.status as DeliveryStatus;
      const unanswered = Number(row.unanswered_calls) + 1;
      const again = unanswered <= call.retries;
      const status: DeliveryStatus = again ? 'scheduled' : 'failed_permanent';
      await trx
        .updateTable('deliveries')
        .set({
          status,
          unanswered_calls: sql<number>`unanswered_calls + 1`,
          not_before: again ? new Date(Date.parse(now) + call.retryAfterMs).toISOString() : null,
          error_code: call.status,
          error_message: again
            ? `call ${unanswered} not answered (${call.status}); calling again`
            : `${unanswered} calls not answered (${call.status})`,
          updated_at: now,
        })
        .where(deliveryByKey(key))
        .where('provider_id', '=', callSid)
        .execute();
      return status;
    });
  }

  async deliveryScheduleState(incidentId: string, noticeVersion: number): Promise<ScheduleState> {
    const row = await this.db
      .selectFrom('deliveries')
      .select([
        sql<string | Date | null>`min(case when status = 'scheduled' then not_before end)`.as('next_at'),
        sql<number | string>`count(case when channel = 'voice' and status = 'accepted' then 1 end)`.as(
          'in_flight',
        ),
      ])
      .where('incident_id', '=', incidentId)
      .where('notice_version', '=', noticeVersion)
      .executeTakeFirst();
    const next = row?.next_at;
    return {
      ...(next !== null && next !== undefined ? { nextAt: new Date(next).toISOString() } : {}),
      callsInFlight: Number(row?.in_flight ?? 0),
    };
  }
}
