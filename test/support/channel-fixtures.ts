import { renderNotice, type NoticeInput, type RenderedNotice } from '../../domain/notice/index.js';

export const NOTICE_LINK = 'https://notify.acme.example/n/AQHvYx2mM8Sx0Ee6nVxkBhM3AbcdEfGhIjKlMnOpQrSt';

/** A realistic notice for channel tests, rendered through the real renderer. */
export function sampleNotice(locale = 'en', overrides: Partial<NoticeInput> = {}): RenderedNotice {
  return renderNotice({
    locale,
    incident: {
      title: 'Unauthorised access to the customer database',
      description: 'An attacker used a stolen support account to read customer records.',
      discoveredAt: '2026-11-20T08:30:00Z',
      dataCategories: ['email', 'password'],
      measuresTaken: 'We disabled the account and reset every password.',
      userActions: [],
      contact: { name: 'Acme Ltd', email: 'dpo@acme.example' },
    },
    person: { name: 'Zoë Example' },
    noticeVersion: 1,
    noticeUrl: NOTICE_LINK,
    ...overrides,
  });
}
