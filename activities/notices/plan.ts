// Plan: which people a page of the fan-out covers. Pages are boundaries in the affected set (by
// userId), so only cursors and counts pass through workflow history; the people are read back here.
import type { NoticeChannel } from '../../domain/fallback.js';
import type { Ledger, StoredAffectedUser } from '../../store/ledger.js';

/** A page of the affected set: the people after `after` (by userId), `size` of them. */
export interface NoticePage {
  after?: string;
  size: number;
  /** The page's last userId (absent in pages planned before it was recorded). */
  last?: string;
}

export interface PlanNoticePagesInput {
  incidentId: string;
  after?: string;
  pageSize: number;
  pages: number;
  /**
   * Pages of the people this one channel can reach, for a lane of it: a lane's page then holds
   * `pageSize` sends, not the few of `pageSize` people that have an address for its channel, so
   * each page's fixed cost is spread over a full page. Absent: pages of the whole affected set.
   */
  reachableBy?: NoticeChannel;
}

export interface NoticePagePlan {
  pages: NoticePage[];
  /** Where the page after these starts. */
  cursor?: string;
  /** No people after these pages. */
  done: boolean;
}

/**
 * The next pages of the affected set. Only boundaries leave the activity; the list is frozen once
 * notices start, so a page read again later holds the same people.
 */
export async function planNoticePages(
  ledger: Pick<Ledger, 'pageAffectedUserIds'>,
  input: PlanNoticePagesInput,
): Promise<NoticePagePlan> {
  const pages: NoticePage[] = [];
  let cursor = input.after;
  for (let i = 0; i < input.pages; i++) {
    const ids = await ledger.pageAffectedUserIds(input.incidentId, {
      ...(cursor !== undefined ? { afterUserId: cursor } : {}),
      ...(input.reachableBy ? { reachableBy: input.reachableBy } : {}),
      limit: input.pageSize,
    });
    if (ids.length === 0) return { pages, ...(cursor !== undefined ? { cursor } : {}), done: true };
    const last = ids[ids.length - 1]!;
    pages.push({ ...(cursor !== undefined ? { after: cursor } : {}), size: ids.length, last });
    cursor = last;
    if (ids.length < input.pageSize) return { pages, cursor, done: true };
  }
  return { pages, ...(cursor !== undefined ? { cursor } : {}), done: false };
}

/**
 * The people of a planned page. A lane of one channel reads only those that channel can reach: the
 * others are decided by the settling pass, which finds them without an address for it.
 */
export function readNoticePage(
  ledger: Pick<Ledger, 'pageAffectedUsers'>,
  incidentId: string,
  page: NoticePage,
  lane: readonly NoticeChannel[] | undefined,
): Promise<StoredAffectedUser[]> {
  const onlyReachable = lane?.length === 1 && page.last !== undefined ? lane[0] : undefined;
  return ledger.pageAffectedUsers(incidentId, {
    ...(page.after !== undefined ? { afterUserId: page.after } : {}),
    ...(onlyReachable ? { throughUserId: page.last, reachableBy: onlyReachable } : {}),
    limit: page.size,
  });
}
