import { z } from 'zod';
import { Contact, DataCategory } from '../incident.js';
import { IncidentTranslation } from '../incident-translations.js';
import { remembered } from './remembered.js';

const isoDateTime = z.iso.datetime({ offset: true });

// Checking a time zone builds a DateTimeFormat, which costs far more than the rest of a notice.
const isTimeZone = remembered((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
});

/** What the renderer needs to write one person's notice. */
export const NoticeInput = z
  .object({
    /** The person's locale (BCP 47); unknown locales fall back by language, then to English. */
    locale: z.string().trim().max(35).optional(),
    /** Who is writing; defaults to the contact's name. */
    organisation: z.string().trim().min(1).max(200).optional(),
    incident: z.object({
      title: z.string().trim().min(1).max(200),
      description: z.string().trim().min(1).max(20_000),
      discoveredAt: isoDateTime,
      occurredFrom: isoDateTime.optional(),
      occurredTo: isoDateTime.optional(),
      dataCategories: z.array(DataCategory).min(1),
      measuresTaken: z.string().trim().min(1).max(10_000),
      userActions: z.array(z.string().trim().min(1).max(1_000)).max(30).default([]),
      contact: Contact,
      /**
       * The responder's own words in other languages, keyed by locale (`zh-CN`, `es`, ...). The notice
       * uses the person's locale, then their language, within the template's language, so a person
       * does not get Chinese headings around an English description; fields left out read the original.
       */
      translations: z.record(z.string().max(35), IncidentTranslation).optional(),
    }),
    person: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        /** This person's own categories where known; the incident's otherwise. */
        dataCategories: z.array(DataCategory).min(1).optional(),
        /** IANA time zone for dates; UTC when unknown. */
        timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone').optional(),
      })
      .default({}),
    noticeVersion: z.number().int().min(1).max(65_535),
    noticeUrl: z.url({ protocol: /^https?$/ }),
    complaintRight: z
      .object({
        regulator: z.string().trim().min(1).max(300),
        url: z.url({ protocol: /^https?$/ }).optional(),
      })
      .optional(),
  })
  .strict();
export type NoticeInput = z.input<typeof NoticeInput>;
export type ParsedNoticeInput = z.output<typeof NoticeInput>;

/** What every notice of one incident and version shares: checked once for all its people. */
export const NoticeCommonInput = NoticeInput.omit({ locale: true, person: true, noticeUrl: true });
export type NoticeCommonInput = z.input<typeof NoticeCommonInput>;

/** What differs from one person's notice to the next. */
export const NoticeRecipientInput = NoticeInput.pick({ locale: true, person: true, noticeUrl: true });
export type NoticeRecipientInput = z.input<typeof NoticeRecipientInput>;
