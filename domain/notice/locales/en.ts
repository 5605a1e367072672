import type { NoticeTemplate } from '../template.js';

/** English. The reference locale: every other locale falls back to it. */
export const en = {
  locale: 'en',
  subject: 'Notice of data breach: {title}',
  supplementalSubject: 'Update to our notice of data breach (version {version}): {title}',
  greetingNamed: 'Dear {name},',
  greetingAnonymous: 'Hello,',
  intro:
    '{org} is writing to tell you about a security incident that involves some of your personal information. This notice explains what happened, what it means for you and what you can do.',
  supplementalIntro:
    'This is version {version} of the notice {org} sent you about this incident. It updates the earlier notice with what we know now.',
  headings: {
    whatHappened: 'What happened',
    when: 'When it happened',
    yourData: 'What information of yours was involved',
    consequences: 'What this could mean for you',
    whatWeDid: 'What we are doing',
    whatYouCanDo: 'What you can do',
    contact: 'For more information',
    complaint: 'Your right to complain',
  },
  when: {
    discovered: 'We discovered the incident on {date}.',
    between: 'It took place between {from} and {to}.',
    since: 'It began on {from}.',
    until: 'It lasted until {to}.',
    occurredUnknown: 'We do not yet know exactly when it began; we will tell you when we do.',
  },
  yourData: 'The information about you that was involved:',
  categories: {
    email: 'email address',
    phone: 'phone number',
    name: 'name',
    address: 'postal address',
    date_of_birth: 'date of birth',
    password: 'password or security questions',
    payment_card: 'payment card details',
    bank_account: 'bank account details',
    national_id: 'national identity or social security number',
    passport: 'passport details',
    health: 'health information',
    biometric: 'biometric data',
    location: 'location data',
    device_id: 'device identifiers',
    ip_address: 'IP addresses',
    financial: 'financial information',
    children: 'information about children',
    other: 'other personal information',
  },
  consequencesIntro: 'Based on the information involved, these are the main risks:',
  risks: {
    identityTheft:
      'Someone could try to pretend to be you, for example to open accounts or take out credit in your name.',
    accountTakeover:
      'Someone could try to get into your online accounts, here or on other sites where you use the same password.',
    financialFraud: 'Someone could try to make payments or withdrawals with your card or account.',
    phishing:
      'You may receive emails, text messages or calls that pretend to come from us or from others, to trick you into giving more information.',
    sensitiveExposure:
      'Sensitive information about you could be disclosed, which could cause distress or unfair treatment.',
    tracking: 'Someone could learn where you have been or link your online activity to you.',
    general:
      'Your information could be misused. We have no evidence of misuse so far, but we want you to be aware.',
  },
  advice: {
    identityTheft:
      'Check your credit report and consider asking credit agencies for a fraud alert or a credit freeze.',
    accountTakeover:
      'Change your password here and on any other site where you used the same one, and turn on two-step verification.',
    financialFraud:
      'Watch your bank and card statements and tell your bank at once about any payment you do not recognise.',
    phishing:
      'Be careful with unexpected messages that ask for personal information or urge you to act quickly.',
    sensitiveExposure:
      'If you are worried about how this information could be used, contact us and we will help.',
    tracking: 'Review the privacy settings of your devices and apps.',
    general: 'Stay alert to anything unusual involving your accounts or personal information.',
  },
  phishingWarning:
    '{org} will never ask you for your password, PIN or card details by email, text message or phone. If someone does, it is not us.',
  contact: {
    intro: 'If you have questions, please contact {org}:',
    email: 'Email',
    phone: 'Phone',
    web: 'Web',
  },
  complaint: 'You have the right to lodge a complaint with {regulator}.',
  complaintMore: 'How to complain',
  readOnline: 'Read this notice online',
  footer:
    'This is a legal notice about your personal information, sent because the law requires it. It is not marketing, so there is nothing to unsubscribe from.',
  sms: {
    full: '{org}: Notice of a data breach involving your information. {summary} Full notice: {url}',
    supplemental: '{org}: Update to our data breach notice. {summary} Full notice: {url}',
    short: 'Data breach notice: {url}',
    summaryEnd: '.',
  },
  push: {
    title: 'Important notice about your data',
    supplementalTitle: 'Update to a notice about your data',
    body: '{org} has an important notice about your personal information. Tap to read what happened and what you can do.',
  },
  page: {
    version: 'Version {version} of this notice.',
    linkExpired: 'This link has expired. Please contact us and we will send you the notice again.',
    linkInvalid: 'This link is not valid. Please check that you copied the whole link.',
  },
} as const satisfies NoticeTemplate;
