import { z } from 'zod';

/** `:id` of every incident route; an unknown id is the ledger's 404, not a 400. */
export const IncidentParams = z.object({ id: z.string().min(1).max(100) });
