import { describe, expect, it } from 'vitest';
import {
  NOTICE_SECTIONS,
  NOTICE_TEMPLATES,
  noticeTemplate,
  noticeWriter,
  renderNotice,
  renderNoticeLinkProblemPage,
  renderNoticePage,
  smsEncoding,
  smsSegments,
  smsUnits,
  PUSH_BODY_MAX,
  PUSH_TITLE_MAX,
  type NoticeTemplate,
} from '../domain/notice/index.js';
import type { NoticeInput } from '../domain/notice/index.js';

const LOCALES = Object.keys(NOTICE_TEMPLATES);
const LINK =
  'https://notify.acme.example/n/AQHvYx2mM8Sx0Ee6nVxkBhM3AbcdEfGhIjKlMnOpQrStUvWxYz0123456789abcdef';

function input(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return {
    locale: 'en',
    incident: {
      title: 'Unauthorised access to the customer database',
      description:
        'An attacker used a stolen support account to read customer records.\n\nWe closed the account the same day.',
      discoveredAt: '2026-11-20T08:30:00Z',
      occurredFrom: '2026-11-18T00:00:00Z',
      occurredTo: '2026-11-19T23:00:00Z',
      dataCategories: ['email', 'password', 'payment_card'],
      measuresTaken: 'We disabled the account and reset every password.',
      userActions: ['Change your password.'],
      contact: {
        name: 'Acme Ltd',
        email: 'dpo@acme.example',
        phone: '+44 20 7946 0000',
        url: 'https://acme.example/incident',
      },
    },
    person: { name: 'Zoë Example' },
    noticeVersion: 1,
    noticeUrl: LINK,
    complaintRight: { regulator: 'the ICO', url: 'https://ico.org.uk/make-a-complaint/' },
    ...overrides,
  };
}

function pageOf(notice: NoticeInput): string {
  const { noticeUrl: _url, ...rest } = notice;
  return renderNoticePage(rest);
}

function textOfHtml(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

describe('notice content', () => {
  it.each(LOCALES)('%s: every section is in the HTML email, the text email and the page', (locale) => {
    const t = NOTICE_TEMPLATES[locale] as NoticeTemplate;
    const notice = renderNotice(input({ locale }));
    const page = pageOf(input({ locale }));
    for (const section of NOTICE_SECTIONS) {
      const heading = t.headings[section];
      expect(notice.email.html, section).toContain(`>${heading}</h2>`);
      expect(notice.email.text, section).toContain(`${heading}\n`);
      expect(page, section).toContain(`>${heading}</h2>`);
    }
    for (const out of [notice.email.text, textOfHtml(notice.email.html), textOfHtml(page)]) {
      expect(out).toContain('An attacker used a stolen support account');
      expect(out).toContain('We disabled the account and reset every password.');
      expect(out).toContain('Change your password.');
      expect(out).toContain('dpo@acme.example');
      expect(out).toContain('+44 20 7946 0000');
      expect(out).toContain('the ICO');
      expect(out).toContain(t.categories.payment_card);
      expect(out).toContain(t.risks.financialFraud);
      expect(out).toContain('2026');
    }
    expect(notice.email.html).toContain(`<html lang="${t.locale}">`);
    expect(page).toContain(`<html lang="${t.locale}">`);
    expect(notice.email.text).toContain(LINK);
    expect(notice.email.html).toContain(`href="${LINK}"`);
    expect(notice.email.subject).toContain('Unauthorised access to the customer database');
    expect(notice.sms.endsWith(LINK)).toBe(true);
    expect(smsSegments(notice.sms)).toBeLessThanOrEqual(2);
    expect(notice.push.title).toBe(t.push.title);
    expect(notice.push.body).toContain('Acme Ltd');
    expect(notice.push.title.length).toBeLessThanOrEqual(PUSH_TITLE_MAX);
    expect(notice.push.body.length).toBeLessThanOrEqual(PUSH_BODY_MAX);
  });

  it.each(LOCALES)('%s: uses only placeholders the renderer fills, the same ones as English', (locale) => {
    const placeholders = (t: NoticeTemplate) =>
      JSON.stringify(t)
        .match(/\{\w+\}/g)
        ?.sort()
        .join(' ');
    expect(placeholders(NOTICE_TEMPLATES[locale] as NoticeTemplate)).toBe(
      placeholders(NOTICE_TEMPLATES.en as NoticeTemplate),
    );
    const notice = renderNotice(input({ locale, noticeVersion: 3 }));
    for (const out of [
      notice.email.subject,
      notice.email.text,
      notice.sms,
      notice.push.title,
      notice.push.body,
    ]) {
      expect(out).not.toMatch(/\{\w+\}/);
    }
  });

  it('leaves the complaint section out when no regulator is given', () => {
    const notice = renderNotice(input({ complaintRight: undefined }));
    expect(notice.email.text).not.toContain('Your right to complain');
    expect(notice.email.text).toContain('For more information');
  });

  it("lists the person's own categories and the risks they bring, not the incident's", () => {
    const notice = renderNotice(input({ person: { dataCategories: ['health'] } }));
    expect(notice.email.text).toContain('- health information');
    expect(notice.email.text).not.toContain('payment card details');
    expect(notice.email.text).toContain('Sensitive information about you could be disclosed');
    expect(notice.email.text).toContain('Hello,');
  });

  it('advises by risk when the incident gives no actions, and always warns about phishing', () => {
    const base = input();
    const notice = renderNotice({ ...base, incident: { ...base.incident, userActions: [] } });
    expect(notice.email.text).toContain('- Change your password here and on any other site');
    expect(notice.email.text).toContain('Acme Ltd will never ask you for your password');
  });

  it('says a supplemental notice is an update, in every channel', () => {
    const notice = renderNotice(input({ noticeVersion: 2 }));
    expect(notice.email.subject).toMatch(/^Update to our notice of data breach \(version 2\)/);
    expect(notice.email.text).toContain('This is version 2 of the notice Acme Ltd sent you');
    expect(notice.sms).toContain('Update to our data breach notice');
    expect(notice.push.title).toBe('Update to a notice about your data');
    const zh = renderNotice(input({ locale: 'zh-CN', noticeVersion: 2 }));
    expect(zh.email.subject).toContain('更新');
  });

  it("uses the responder's translation of the incident text for the notice's language", () => {
    const base = input();
    const translated: NoticeInput = {
      ...base,
      locale: 'zh-TW',
      incident: {
        ...base.incident,
        translations: {
          'zh-CN': {
            title: '客户数据库遭未授权访问',
            description: '攻击者使用被盗的客服账户读取了客户记录。',
          },
          fr: { title: 'Accès non autorisé' },
        },
      },
    };
    const zh = renderNotice(translated);
    expect(zh.email.subject).toBe('个人信息泄露通知：客户数据库遭未授权访问');
    expect(zh.email.text).toContain('攻击者使用被盗的客服账户读取了客户记录。');
    expect(zh.email.text).not.toContain('An attacker used');
    // Fields without a translation keep the original words.
    expect(zh.email.text).toContain('We disabled the account and reset every password.');
    expect(zh.sms).toContain('客户数据库遭未授权访问');
    const es = renderNotice({ ...translated, locale: 'es' });
    expect(es.email.subject).toContain('Unauthorised access to the customer database');
  });

  it('falls back by language, then to English', () => {
    expect(noticeTemplate('zh-TW').locale).toBe('zh-CN');
    expect(noticeTemplate('zh_Hans_CN').locale).toBe('zh-CN');
    expect(noticeTemplate('es-MX').locale).toBe('es');
    expect(noticeTemplate('FR-ca').locale).toBe('fr');
    expect(noticeTemplate('de-DE').locale).toBe('en');
    expect(noticeTemplate('not a locale!').locale).toBe('en');
    expect(noticeTemplate(undefined).locale).toBe('en');
    expect(renderNotice(input({ locale: 'es-AR' })).email.html).toContain('<html lang="es">');
  });

  it('writes dates in the person’s time zone when known', () => {
    const utc = renderNotice(input()).email.text;
    const tokyo = renderNotice(input({ person: { timeZone: 'Asia/Tokyo' } })).email.text;
    expect(utc).toMatch(/November 20, 2026.*08:30.*UTC/);
    expect(tokyo).toMatch(/November 20, 2026.*05:30.*GMT\+9/);
    expect(() => renderNotice(input({ person: { timeZone: 'Mars/Olympus' } }))).toThrow();
  });
});

describe("one incident's notices, person after person", () => {
  it('writes what renderNotice writes, in each person’s language and time zone', () => {
    const { locale: _l, person: _p, noticeUrl: _u, ...common } = input();
    const write = noticeWriter(common);
    for (const [locale, timeZone] of [
      ['en', 'Europe/London'],
      ['zh-CN', 'Asia/Shanghai'],
      ['es-MX', undefined],
    ] as const) {
      const person = { name: 'Zoë Example', ...(timeZone ? { timeZone } : {}) };
      const expected = renderNotice(input({ locale, person }));
      const written = write({ locale, person, noticeUrl: LINK });
      expect(written.email).toEqual(expected.email);
      expect(written.sms).toBe(expected.sms);
      expect(written.push).toEqual(expected.push);
    }
  });

  it('writes each person their own name and link in an email laid out once for people like them', () => {
    const { locale: _l, person: _p, noticeUrl: _u, ...common } = input();
    const write = noticeWriter(common);
    const people = [
      { name: 'Zoë Example' },
      { name: 'O\'Brien <b>&</b> "Co"' },
      {},
      { name: '  Two\n lines  ' },
      { name: 'Zoë Example', timeZone: 'Asia/Tokyo' },
      { name: 'Ann', dataCategories: ['health' as const] },
    ];
    for (const locale of ['en', 'zh-CN']) {
      people.forEach((person, i) => {
        const noticeUrl = `${LINK}${i}x`;
        const written = write({ locale, person, noticeUrl });
        expect(written.email).toEqual(renderNotice(input({ locale, person, noticeUrl })).email);
      });
    }
    expect(write({ person: { name: 'Ann' }, noticeUrl: LINK }).email.html).toContain('Ann');
    expect(write({ person: { name: 'Bob' }, noticeUrl: LINK }).email.html).not.toContain('Ann');
  });

  it('writes whole emails when the incident text holds what marks a name or link', () => {
    const base = input();
    const odd = { ...base, incident: { ...base.incident, description: 'Odd \uE000 and \uE001 text.' } };
    const { locale: _l, person: _p, noticeUrl: _u, ...common } = odd;
    const write = noticeWriter(common);
    for (const name of ['Ann', 'Bob']) {
      const written = write({ person: { name }, noticeUrl: LINK });
      expect(written.email).toEqual(renderNotice({ ...odd, person: { name }, noticeUrl: LINK }).email);
      expect(written.email.text).toContain('Odd \uE000 and \uE001 text.');
    }
  });

  it("checks the incident once and each person's part as it is written", () => {
    const { locale: _l, person: _p, noticeUrl: _u, ...common } = input();
    expect(() => noticeWriter({ ...common, noticeVersion: 0 })).toThrow(/noticeVersion/);
    const write = noticeWriter(common);
    expect(() => write({ person: { timeZone: 'Mars/Olympus' }, noticeUrl: LINK })).toThrow(/IANA time zone/);
    expect(() => write({ noticeUrl: 'javascript:alert(1)' })).toThrow(/noticeUrl/);
  });
});

describe('escaping hostile incident text', () => {
  const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> & \'quoted\'';
  const base = input();
  const evil: NoticeInput = {
    ...base,
    organisation: 'Evil <b>Org</b>',
    incident: {
      ...base.incident,
      title: `Breach ${hostile}`,
      description: hostile,
      measuresTaken: hostile,
      userActions: [hostile],
      contact: { ...base.incident.contact, name: hostile, url: 'https://acme.example/?a=<x>&b="y"' },
    },
    person: { name: hostile },
    complaintRight: { regulator: hostile },
  };

  it('escapes every inserted value in the HTML email and the page', () => {
    const { html } = renderNotice(evil).email;
    const page = pageOf(evil);
    for (const out of [html, page]) {
      expect(out).not.toContain('<script>');
      expect(out).not.toContain('<img');
      expect(out).not.toContain('<b>Org');
      expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(out).toContain('&#39;quoted&#39;');
      expect(out).toContain('href="https://acme.example/?a=%3Cx%3E&amp;b=%22y%22"');
    }
  });

  it('keeps the plain-text email and SMS as written (they are not HTML)', () => {
    const notice = renderNotice(evil);
    expect(notice.email.text).toContain(hostile);
    expect(notice.email.subject).toContain('<script>');
  });

  it('links only web, mail and phone URLs', () => {
    const { html } = renderNotice({
      ...base,
      incident: { ...base.incident, contact: { ...base.incident.contact, url: 'javascript:alert(1)' } },
    }).email;
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('javascript:alert(1)');
  });

  it('refuses a notice link that is not http(s)', () => {
    expect(() => renderNotice(input({ noticeUrl: 'javascript:alert(1)' }))).toThrow();
  });

  it('is readable without images: no <img> and no remote resources', () => {
    const { html } = renderNotice(input()).email;
    expect(html).not.toMatch(/<img|background-image|url\(/i);
  });
});

describe('SMS length', () => {
  it('knows the encodings', () => {
    expect(smsEncoding('Hello [world] €5')).toBe('GSM-7');
    expect(smsEncoding('Café à Zürich')).toBe('GSM-7');
    expect(smsEncoding('Zoë')).toBe('UCS-2');
    expect(smsEncoding('Información')).toBe('UCS-2');
    expect(smsEncoding('数据泄露')).toBe('UCS-2');
    expect(smsUnits('a€')).toBe(3);
    expect(smsUnits('😀')).toBe(2);
  });

  it('counts segments per encoding', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
    expect(smsSegments('€'.repeat(80))).toBe(1);
    expect(smsSegments('€'.repeat(81))).toBe(2);
    // An escape pair cannot straddle a segment boundary.
    expect(smsSegments('a'.repeat(152) + '€' + 'a'.repeat(152))).toBe(3);
    expect(smsSegments('数'.repeat(70))).toBe(1);
    expect(smsSegments('数'.repeat(71))).toBe(2);
    expect(smsSegments('数'.repeat(134))).toBe(2);
    expect(smsSegments('数'.repeat(135))).toBe(3);
  });

  const longTitle = 'A very long incident title that goes on and on about servers and systems '
    .repeat(2)
    .trim();
  it.each([
    ['en', 'GSM-7', 306],
    ['fr', 'GSM-7', 306],
    ['es', 'GSM-7', 306],
    ['zh-CN', 'UCS-2', 134],
  ] as const)(
    '%s: fits two %s segments with the whole link, cutting the summary',
    (locale, encoding, max) => {
      const base = input({ locale });
      const sms = renderNotice({ ...base, incident: { ...base.incident, title: longTitle } }).sms;
      expect(smsEncoding(sms)).toBe(encoding);
      expect(smsUnits(sms)).toBeLessThanOrEqual(max);
      expect(smsSegments(sms)).toBeLessThanOrEqual(2);
      expect(sms.endsWith(LINK)).toBe(true);
      expect(sms).not.toContain(longTitle);
    },
  );

  it('folds curly quotes and accents so one character does not halve a Latin notice', () => {
    const base = input({ locale: 'es' });
    const sms = renderNotice({
      ...base,
      incident: { ...base.incident, title: 'Acceso “no autorizado” a la información' },
    }).sms;
    expect(smsEncoding(sms)).toBe('GSM-7');
    expect(sms).toContain('Acceso "no autorizado" a la informacion.');
  });

  it('keeps Chinese text in UCS-2 and includes the summary when there is room', () => {
    const base = input({ locale: 'zh-CN' });
    const sms = renderNotice({
      ...base,
      noticeUrl: 'https://n.acme.example/n/AQHvYx2mM8Sx0Ee6',
      incident: {
        ...base.incident,
        title: '客户数据库遭未授权访问',
        contact: { ...base.incident.contact, name: '某公司' },
      },
    }).sms;
    expect(sms).toBe(
      '【某公司】个人信息泄露通知：客户数据库遭未授权访问。 详情：https://n.acme.example/n/AQHvYx2mM8Sx0Ee6',
    );
  });

  it('writes each person their own link when the text around it is reused for links of the same shape', () => {
    const links = ['https://n.acme.example/n/AAAA1111bbbb', 'https://n.acme.example/n/ZZzz9999QQqq'];
    for (const locale of ['en', 'zh-CN']) {
      const [first, second] = links.map((noticeUrl) => renderNotice(input({ locale, noticeUrl })).sms);
      expect(first).toContain(links[0]);
      expect(first).not.toContain(links[1]);
      expect(second).toBe(first!.replace(links[0]!, links[1]!));
      expect(smsSegments(second!)).toBeLessThanOrEqual(2);
    }
  });

  it('falls back to the short form when the link leaves no room, and refuses a link that cannot fit', () => {
    const long = 'https://notify.acme.example/n/' + 'x'.repeat(95);
    const sms = renderNotice(input({ locale: 'zh-CN', noticeUrl: long })).sms;
    expect(sms).toBe(`信息泄露通知：${long}`);
    // Each channel's text is written when it is read: the SMS is what cannot be written here.
    const tooLong = renderNotice(input({ noticeUrl: 'https://acme.example/' + 'x'.repeat(300) }));
    expect(tooLong.push.title.length).toBeGreaterThan(0);
    expect(() => tooLong.sms).toThrow(/too long/);
  });
});

describe('link problem page', () => {
  it('explains an expired or invalid link in the person’s language', () => {
    expect(renderNoticeLinkProblemPage('fr-CA', 'expired')).toContain('Ce lien a expiré');
    expect(renderNoticeLinkProblemPage('fr-CA', 'expired')).toContain('<html lang="fr">');
    expect(renderNoticeLinkProblemPage(undefined, 'invalid')).toContain('This link is not valid');
  });
});

describe('links on the page follow its colour scheme', () => {
  it("styles the page's links from its style sheet alone, and the email's inline", () => {
    const page = pageOf(input());
    const links = page.match(/<a [^>]*>/g) ?? [];
    expect(links.length).toBeGreaterThanOrEqual(3);
    // An inline colour would outrank the dark scheme's rule and leave dark-blue links on #111.
    for (const a of links) expect(a).not.toMatch(/style=/);
    const email = renderNotice(input()).email.html;
    for (const a of email.match(/<a [^>]*>/g) ?? []) expect(a).toMatch(/style="color:#0645ad;/);
  });
});
