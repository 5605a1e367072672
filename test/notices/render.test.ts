// Render: a notice per person, written once whatever the number of channels, with a signed link
// that names the person by link reference only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeLink, PageNotices } from '../../activities/notices/render.js';
import { verifyNoticeLink } from '../../domain/notice/link.js';
import { sampleFacts } from '../support/stores.js';
import { person, stepRig, stepSettings, type StepRig } from '../support/notice-steps.js';

let rig: StepRig;
beforeAll(async () => {
  rig = await stepRig([
    person(1, { email: true, phone: true, push: true }, 'fr'),
    person(2, { email: true }),
    { ...person(3, { email: true }), name: 'N'.repeat(300) },
  ]);
});
afterAll(() => rig?.store.cleanup());

const notices = () =>
  new PageNotices({
    settings: stepSettings,
    incidentId: rig.incidentId,
    facts: sampleFacts(),
    noticeVersion: 1,
  });

describe('rendering a page of notices', () => {
  it('signs a link that opens to the person by link reference, not by userId', () => {
    const [p] = rig.people;
    const link = noticeLink(stepSettings, rig.incidentId, p!, 2);
    expect(link.startsWith(`${stepSettings.noticeBaseUrl}/n/`)).toBe(true);
    expect(link).not.toContain(p!.userId);
    const verified = verifyNoticeLink(link.split('/n/')[1]!, stepSettings.linkSecret);
    expect(verified).toMatchObject({
      status: 'ok',
      claims: { incidentId: rig.incidentId, linkRef: p!.linkRef, noticeVersion: 2 },
    });
  });

  it('writes each person once, in their language, for every channel it is prepared for', () => {
    const page = notices();
    const [fr, en] = rig.people;
    page.prepare([fr!, en!], 'email');
    const first = page.notice(fr!);
    const link = page.link(fr!);
    page.prepare([fr!], 'sms');
    page.prepare([fr!], 'push');
    // The same notice and link: the person was written once, not once per channel.
    expect(page.notice(fr!)).toBe(first);
    expect(page.link(fr!)).toBe(link);
    expect(first.sms).toContain(link);
    expect(first.email.text).toContain('Person 000001');
    expect(first.email.subject).not.toBe(page.notice(en!).email.subject);
    expect(() => page.notice(rig.people[2]!)).toThrow(/before it was prepared/);
  });

  it('fails when a notice cannot be written, before anything is sent', () => {
    const page = notices();
    expect(() => page.prepare([rig.people[2]!], 'email')).toThrow();
  });
});
