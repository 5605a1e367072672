// The preview's answer, for validation of what the API sends and for the OpenAPI document.
import { z } from 'zod';
import { NoticeChannel, NoticePolicy } from '../domain/fallback.js';

const Count = z.number().int().nonnegative();
const ChannelCounts = z.object({ email: Count, sms: Count, push: Count });

export const IncidentPreview = z.object({
  id: z.string(),
  phase: z.string(),
  previewHash: z
    .string()
    .describe('Pass as previewHash when approving: 409 preview_stale if the people changed'),
  noticeVersion: z.number().int(),
  policy: NoticePolicy,
  people: Count,
  channels: z.array(
    z.object({
      channel: NoticeChannel,
      configured: z.boolean(),
      sends: Count,
      costUsd: z.number(),
      seconds: z.number().nullable().describe('At the configured rate; null: no rate limits it'),
      concurrency: Count,
      ratePerSecond: z.number().nullable(),
    }),
  ),
  byLocale: z.record(z.string(), ChannelCounts),
  totalCostUsd: z.number(),
  estimatedSeconds: z.number().nullable(),
  missing: z.object({
    unreachable: Count.describe('People no configured channel of the policy reaches'),
    judgements: z.array(z.string()),
  }),
  obligations: z.array(
    z.object({
      id: z.string(),
      regime: z.string(),
      kind: z.string(),
      recipient: z.string(),
      status: z.string(),
      dueAt: z.string().nullable(),
    }),
  ),
  announcement: z.object({
    triggered: z.boolean(),
    why: z.string(),
    status: z.string().optional(),
    stage: z.string().optional(),
    reasons: z
      .array(z.object({ code: z.string(), regime: z.string().optional(), detail: z.string() }))
      .optional(),
    skipIndividualNotices: z.string().optional(),
  }),
  samples: z.array(
    z.object({
      locale: z.string(),
      email: z.object({ subject: z.string(), html: z.string(), text: z.string() }).optional(),
      sms: z.object({ text: z.string(), segments: Count, encoding: z.enum(['GSM-7', 'UCS-2']) }).optional(),
      push: z.object({ title: z.string(), body: z.string() }).optional(),
    }),
  ),
});
