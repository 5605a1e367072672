/**
 * Individual breach notices: content in the person's language for each channel, and the web page
 * their link opens. The signed link itself is in `./link.js` (it needs `node:crypto`, which
 * Temporal workflow code must not import).
 */
export { NoticeInput, NoticeCommonInput, NoticeRecipientInput, type ParsedNoticeInput } from './input.js';
export {
  renderNotice,
  noticeWriter,
  type RenderedNotice,
  type RenderedEmail,
  PUSH_TITLE_MAX,
  PUSH_BODY_MAX,
} from './render.js';
export { renderNoticePage, renderNoticeLinkProblemPage, NoticePageInput } from './page.js';
export {
  smsEncoding,
  smsSegments,
  smsUnits,
  foldToGsm,
  SMS_LIMITS,
  SMS_MAX_SEGMENTS,
  type SmsEncoding,
} from './sms.js';
export { noticeTemplate, NOTICE_TEMPLATES, DEFAULT_NOTICE_LOCALE } from './locales/index.js';
export { NOTICE_SECTIONS, type NoticeSection, type NoticeTemplate } from './template.js';
