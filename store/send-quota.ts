// The send quota: sends per second of each channel, counted for every worker together.
import { sql } from 'kysely';
import type { NoticeChannel } from '../domain/fallback.js';
import { SqlRepository } from './sql-repository.js';

export interface SendQuota {
  /**
   * Takes `count` sends of `channel` from the second starting at `windowStart` (seconds since the
   * epoch), counted for every worker together; false, taking nothing, when that would pass `limit`.
   */
  takeSendQuota(channel: NoticeChannel, windowStart: number, count: number, limit: number): Promise<boolean>;
}

export class SqlSendQuota extends SqlRepository implements SendQuota {
  async takeSendQuota(
    channel: NoticeChannel,
    windowStart: number,
    count: number,
    limit: number,
  ): Promise<boolean> {
    if (count > limit) return false;
    const take = () =>
      this.db
        .updateTable('send_quota')
        .set({ used: sql<number>`used + ${count}` })
        .where('channel', '=', channel)
        .where('window_start', '=', windowStart)
        .where(sql<number>`used + ${count}`, '<=', limit)
        .returning('used')
        .executeTakeFirst();
    if (await take()) return true;
    // The first taker of a second creates its row, and clears the rows of seconds long gone.
    const created = await this.db
      .insertInto('send_quota')
      .values({ channel, window_start: windowStart, used: count })
      .onConflict((oc) => oc.columns(['channel', 'window_start']).doNothing())
      .returning('used')
      .executeTakeFirst();
    if (!created) return (await take()) !== undefined;
    await this.db
      .deleteFrom('send_quota')
      .where('channel', '=', channel)
      .where('window_start', '<', windowStart - 60)
      .execute();
    return true;
  }
}
