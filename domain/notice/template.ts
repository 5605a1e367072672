import type { DataCategory } from '../incident.js';

/** The sections every individual notice carries, in the order they are shown. */
export const NOTICE_SECTIONS = [
  'whatHappened',
  'when',
  'yourData',
  'consequences',
  'whatWeDid',
  'whatYouCanDo',
  'contact',
  'complaint',
] as const;
export type NoticeSection = (typeof NOTICE_SECTIONS)[number];

/**
 * Kinds of harm a person may face. Categories map to these in `consequences.ts`, so a template
 * explains each harm once instead of once per data category.
 */
export const RISK_KINDS = [
  'identityTheft',
  'accountTakeover',
  'financialFraud',
  'phishing',
  'sensitiveExposure',
  'tracking',
  'general',
] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

/**
 * The words of a notice in one language. Kept as plain data so a privacy officer can edit it
 * without touching code. Placeholders are written `{name}`; each string documents which ones it
 * may use, and the tests fail if a locale uses one the renderer does not fill.
 */
export interface NoticeTemplate {
  /** BCP 47 tag the strings are written in; becomes the `lang` attribute. */
  readonly locale: string;
  /** {org} {title} */
  readonly subject: string;
  /** {org} {title} {version} */
  readonly supplementalSubject: string;
  /** {name} */
  readonly greetingNamed: string;
  readonly greetingAnonymous: string;
  /** {org} */
  readonly intro: string;
  /** {org} {version} */
  readonly supplementalIntro: string;
  readonly headings: Readonly<Record<NoticeSection, string>>;
  readonly when: {
    /** {date} */
    readonly discovered: string;
    /** {from} {to} */
    readonly between: string;
    /** {from} */
    readonly since: string;
    /** {to} */
    readonly until: string;
    readonly occurredUnknown: string;
  };
  /** Lead-in to the list of data categories. */
  readonly yourData: string;
  readonly categories: Readonly<Record<DataCategory, string>>;
  readonly consequencesIntro: string;
  readonly risks: Readonly<Record<RiskKind, string>>;
  /** Advice for each harm, used when the incident gives no actions of its own. */
  readonly advice: Readonly<Record<RiskKind, string>>;
  /** Always shown: breach notices are copied by phishers. {org} */
  readonly phishingWarning: string;
  readonly contact: {
    /** {org} */
    readonly intro: string;
    readonly email: string;
    readonly phone: string;
    readonly web: string;
  };
  /** {regulator} */
  readonly complaint: string;
  readonly complaintMore: string;
  readonly readOnline: string;
  /** Why there is no unsubscribe link. */
  readonly footer: string;
  readonly sms: {
    /** {org} {summary} {url} */
    readonly full: string;
    /** {org} {summary} {url} */
    readonly supplemental: string;
    /** Last resort when the link leaves no room for a summary. {url} */
    readonly short: string;
    /** Ends a summary that ends in a letter or digit, e.g. '.' or '。'. */
    readonly summaryEnd: string;
  };
  readonly push: {
    readonly title: string;
    readonly supplementalTitle: string;
    /** {org} */
    readonly body: string;
  };
  readonly page: {
    /** {version} */
    readonly version: string;
    readonly linkExpired: string;
    readonly linkInvalid: string;
  };
}
