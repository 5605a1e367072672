// What a notice call says, per language: who is calling, that a breach touched the person's data,
// the three most important things to do, where to read the full notice and whom to call back.
// Plain sentences; the voice channel reads them with <Say> (activities/channels/voice-twiml.ts).
import { buildNoticeDocument, noticeHeading } from './document.js';
import { NoticeInput, type NoticeInput as RawNoticeInput } from './input.js';
import { spokenLanguage, type SpokenLanguage } from './voice-languages.js';
import { fill } from './text.js';

interface VoiceTexts {
  /** {org} */
  intro: string;
  /** {title} */
  breach: string;
  actions: string;
  /** {link} */
  readMore: string;
  /** {number} */
  callBack: string;
  repeat: string;
  goodbye: string;
}

const TEXTS: Readonly<Record<string, VoiceTexts>> = {
  en: {
    intro: 'Hello. This is an important call from {org} about your personal information.',
    breach: 'A data breach has affected some of your personal data: {title}.',
    actions: 'The most important things to do now are:',
    readMore: 'You can read the full notice at {link}.',
    callBack: 'If you have questions, please call us on {number}.',
    repeat: 'To hear this message again, press 1.',
    goodbye: 'Thank you. Goodbye.',
  },
  es: {
    intro: 'Hola. Esta es una llamada importante de {org} sobre sus datos personales.',
    breach: 'Una brecha de datos ha afectado a algunos de sus datos personales: {title}.',
    actions: 'Lo más importante que debe hacer ahora es:',
    readMore: 'Puede leer el aviso completo en {link}.',
    callBack: 'Si tiene preguntas, llámenos al {number}.',
    repeat: 'Para escuchar este mensaje de nuevo, pulse 1.',
    goodbye: 'Gracias. Adiós.',
  },
  fr: {
    intro: 'Bonjour. Ceci est un appel important de {org} concernant vos données personnelles.',
    breach: 'Une violation de données a touché certaines de vos données personnelles : {title}.',
    actions: 'Voici les mesures les plus importantes à prendre dès maintenant :',
    readMore: "Vous pouvez lire l'avis complet à l'adresse {link}.",
    callBack: 'Pour toute question, appelez-nous au {number}.',
    repeat: 'Pour réécouter ce message, appuyez sur 1.',
    goodbye: 'Merci. Au revoir.',
  },
  'zh-CN': {
    intro: '您好。这是{org}就您的个人信息打来的重要电话。',
    breach: '一起数据泄露事件涉及您的部分个人数据：{title}。',
    actions: '您现在最需要做的是：',
    readMore: '您可以在 {link} 阅读完整通知。',
    callBack: '如有疑问，请致电 {number}。',
    repeat: '如需重听此消息，请按 1。',
    goodbye: '谢谢。再见。',
  },
};

export interface VoiceScript extends SpokenLanguage {
  /** The notice's language (the template's), which the texts are written in. */
  locale: string;
  /** Read in order, then `repeat` while waiting for a key, then `goodbye`. */
  sentences: string[];
  repeat: string;
  goodbye: string;
}

/** Calls read out at most this many actions; the full notice has all of them. */
export const VOICE_ACTIONS_MAX = 3;

/** A link read aloud: without its scheme, which text-to-speech reads as noise. */
function spokenLink(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

/** A phone number read digit by digit, in groups, rather than as one large number. */
export function spokenNumber(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  return (digits.match(/\d{1,3}/g) ?? []).map((g) => g.split('').join(' ')).join(', ');
}

/**
 * The call's script for one person. `callbackNumber` is the configured number to call back
 * (VOICE_CALLBACK_NUMBER), else the incident contact's phone; without either the sentence is left out.
 */
export function voiceScript(raw: RawNoticeInput, callbackNumber?: string): VoiceScript {
  const input = NoticeInput.parse(raw);
  const heading = noticeHeading(input);
  const locale = heading.template.locale;
  const t = TEXTS[locale] ?? TEXTS.en!;
  const spoken = TEXTS[locale] ? spokenLanguage(locale) : spokenLanguage('en');
  const doc = buildNoticeDocument(input, heading);
  const todo = doc.sections.find((s) => s.id === 'whatYouCanDo')?.blocks.find((b) => b.kind === 'list');
  const actions = todo?.kind === 'list' ? todo.items.slice(0, VOICE_ACTIONS_MAX) : [];
  const number = callbackNumber ?? input.incident.contact.phone;
  const sentences = [
    fill(t.intro, { org: heading.org }),
    fill(t.breach, { title: heading.title }),
    ...(actions.length ? [t.actions, ...actions] : []),
    fill(t.readMore, { link: spokenLink(input.noticeUrl) }),
    ...(number ? [fill(t.callBack, { number: spokenNumber(number) })] : []),
  ];
  return { ...spoken, locale, sentences, repeat: t.repeat, goodbye: t.goodbye };
}
