// What GET /v1/register answers as JSON (domain/register/register-entry.ts builds each entry).
import { z } from 'zod';

const ChannelCounts = z.object({
  pending: z.number(),
  sent: z.number(),
  delivered: z.number(),
  failed: z.number(),
  unreachable: z.number(),
});

export const RegisterEntrySchema = z.object({
  incidentId: z.string(),
  externalId: z.string().nullable(),
  facts: z.object({
    title: z.string(),
    description: z.string(),
    discoveredAt: z.string(),
    occurredFrom: z.string().nullable(),
    occurredTo: z.string().nullable(),
    dataCategories: z.array(z.string()),
    severity: z.string(),
    measuresTaken: z.string(),
  }),
  phase: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  purgedAt: z.string().nullable().describe('When the affected people’s personal data was purged'),
  effects: z
    .object({
      assessedAt: z.string(),
      affected: z.number(),
      byCountry: z.record(z.string(), z.number()),
      byRisk: z.record(z.string(), z.number()),
    })
    .nullable()
    .describe('The latest assessment counts; null before people were uploaded'),
  decisions: z.array(
    z.object({
      at: z.string(),
      by: z.string(),
      action: z.string(),
      reason: z.string().nullable(),
      judgement: z
        .object({ kind: z.string(), value: z.boolean().nullable(), regime: z.string().nullable() })
        .optional(),
      filingId: z.string().optional(),
    }),
  ),
  filings: z.array(
    z.object({
      id: z.string(),
      recipient: z.string().nullable(),
      regime: z.string(),
      phase: z.string(),
      status: z.string(),
      dueAt: z.string().nullable(),
      submittedAt: z.string().nullable(),
      receiptReference: z.string().nullable(),
      acknowledgementReference: z.string().nullable(),
    }),
  ),
  notices: z.object({
    notified: z.boolean().describe('At least one person’s notice was taken by a provider'),
    sent: z.number(),
    byChannel: z.record(z.string(), ChannelCounts),
    unreachable: z.number(),
  }),
});

export const RegisterAnswer = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  generatedAt: z.string(),
  items: z.array(RegisterEntrySchema),
});
