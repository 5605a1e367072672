// Render: a person's notice in their language, with their signed link, written once per person and
// page whatever the number of channels, and only for people whose claim was won, so a retried page
// costs little.
import type { IncidentFacts } from '../../domain/incident.js';
import type { NoticeChannel } from '../../domain/fallback.js';
import { NoticeInput, noticeWriter, type RenderedNotice } from '../../domain/notice/index.js';
import { buildNoticeDocument, type NoticeDocument } from '../../domain/notice/document.js';
import { noticeIncident, noticePerson } from '../../domain/notice/incident-notice.js';
import { signNoticeLink } from '../../domain/notice/link.js';
import { voiceScript, type VoiceScript } from '../../domain/notice/voice-script.js';
import type { ChannelSettings } from '../../platform/channel-config.js';
import type { StoredAffectedUser } from '../../store/ledger.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export type LinkSettings = Pick<ChannelSettings, 'noticeBaseUrl' | 'linkSecret' | 'linkTtlDays'>;

/**
 * A person's signed link to their notice's page, as their notice carries it. It names the person by
 * their link reference, never by userId, so any userId gives a short link without personal data.
 */
export function noticeLink(
  settings: LinkSettings,
  incidentId: string,
  person: Pick<StoredAffectedUser, 'linkRef'>,
  noticeVersion: number,
): string {
  const token = signNoticeLink(
    {
      incidentId,
      linkRef: person.linkRef,
      noticeVersion,
      expiresAt: new Date(Date.now() + settings.linkTtlDays * DAY_MS),
    },
    settings.linkSecret,
  );
  return `${settings.noticeBaseUrl}/n/${token}`;
}

export interface PageNoticesInput {
  settings: LinkSettings;
  incidentId: string;
  facts: IncidentFacts;
  noticeVersion: number;
  /** Shown as the sender; the incident's contact name when absent. */
  organisation?: string;
}

/** The notices of one page's people, written as their sends come up. */
export class PageNotices {
  private readonly write: ReturnType<typeof noticeWriter>;
  private readonly notices = new Map<string, RenderedNotice>();
  private readonly links = new Map<string, string>();

  constructor(private readonly input: PageNoticesInput) {
    this.write = noticeWriter({
      ...(input.organisation ? { organisation: input.organisation } : {}),
      incident: noticeIncident(input.facts),
      noticeVersion: input.noticeVersion,
    });
  }

  /**
   * Writes the notices of `people` not written yet, and this channel's text of each now, so a
   * notice that cannot be written fails here, before its send, not halfway through it.
   */
  prepare(people: readonly StoredAffectedUser[], channel: NoticeChannel): void {
    const { settings, incidentId, noticeVersion } = this.input;
    for (const p of people) {
      let notice = this.notices.get(p.userId);
      if (!notice) {
        const link = noticeLink(settings, incidentId, p, noticeVersion);
        this.links.set(p.userId, link);
        notice = this.write({ locale: p.locale, person: noticePerson(p), noticeUrl: link });
        this.notices.set(p.userId, notice);
      }
      if (channel === 'email' || channel === 'sms' || channel === 'push') void notice[channel];
    }
  }

  /** A prepared person's notice. */
  notice(p: Pick<StoredAffectedUser, 'userId'>): RenderedNotice {
    const notice = this.notices.get(p.userId);
    if (!notice) throw new Error('notice sent before it was prepared');
    return notice;
  }

  /** What a letter or a call says to a prepared person: the incident, their language, their link. */
  private personalInput(p: StoredAffectedUser) {
    const { facts, noticeVersion, organisation } = this.input;
    return {
      ...(organisation ? { organisation } : {}),
      incident: noticeIncident(facts),
      noticeVersion,
      locale: p.locale,
      person: noticePerson(p),
      noticeUrl: this.link(p),
    };
  }

  /** A prepared person's notice as the sections of a letter (written when the letter is). */
  letter(p: StoredAffectedUser): NoticeDocument {
    return buildNoticeDocument(NoticeInput.parse(this.personalInput(p)));
  }

  /** A prepared person's call script, in their language. */
  voiceScript(p: StoredAffectedUser, callbackNumber: string | undefined): VoiceScript {
    return voiceScript(this.personalInput(p), callbackNumber);
  }

  /** A prepared person's link. */
  link(p: Pick<StoredAffectedUser, 'userId'>): string {
    const link = this.links.get(p.userId);
    if (link === undefined) throw new Error('link sent before it was prepared');
    return link;
  }
}
