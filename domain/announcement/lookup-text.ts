// The words of the "Was I affected?" pages and of the code's email and SMS, in the notices' locales.
// `{name}` placeholders are filled by `fill` (domain/notice/text.ts).
import type { AddressProblem } from './lookup.js';

export interface LookupText {
  locale: string;
  title: string;
  intro: string;
  addressLabel: string;
  addressHint: string;
  send: string;
  addressProblems: Record<AddressProblem, string>;
  sentTitle: string;
  sent: string;
  codeLabel: string;
  codeHint: string;
  verify: string;
  codeFormat: string;
  wrongCode: string;
  deadTitle: string;
  dead: string;
  startAgain: string;
  back: string;
  unavailableTitle: string;
  unavailable: string;
  tooManyTitle: string;
  tooMany: string;
  errorSummary: string;
  emailSubject: string;
  emailBody: string;
  sms: string;
}

const en: LookupText = {
  locale: 'en',
  title: 'Was I affected?',
  intro:
    'Enter your email address or phone number. If it belongs to one of the people affected by this incident, we send a one-time code to it, and only to it. The code opens your personal notice.',
  addressLabel: 'Email address or phone number',
  addressHint: 'A phone number needs its country code, for example +44 7700 900123.',
  send: 'Send me a code',
  addressProblems: {
    required: 'Enter an email address or a phone number.',
    invalid: 'This is not an email address or a phone number we can read.',
    phone_prefix: 'Enter the phone number with its country code, for example +44 7700 900123.',
  },
  sentTitle: 'Check your messages',
  sent: 'If this address is affected, a code is on its way. It is valid for {minutes} minutes. We send nothing to addresses that are not affected.',
  codeLabel: 'Code ({digits} digits)',
  codeHint: 'The code is in the email or text message we sent.',
  verify: 'Show my notice',
  codeFormat: 'Enter the {digits} digits of the code.',
  wrongCode: 'This code is not right. Tries left: {tries}.',
  deadTitle: 'This code no longer works',
  dead: 'It has expired, has been used, or was entered wrongly too often. Start again to get a new code.',
  startAgain: 'Start again',
  back: 'Back to the announcement',
  unavailableTitle: 'This check is not available',
  unavailable: 'The check is no longer offered for this incident, or there is no such announcement.',
  tooManyTitle: 'Too many attempts',
  tooMany: 'Please wait a while before you try again.',
  errorSummary: 'There is a problem',
  emailSubject: 'Your code: {code}',
  emailBody:
    'Your code to see whether you are affected by “{title}” is {code}.\n\nIt is valid for {minutes} minutes. If you did not ask for it, ignore this message.\n\n{sender}',
  sms: '{code} is your code to see whether you are affected by the incident announced by {sender}. Valid for {minutes} minutes.',
};

const fr: LookupText = {
  locale: 'fr',
  title: 'Suis-je concerné ?',
  intro:
    'Saisissez votre adresse e-mail ou votre numéro de téléphone. S’il appartient à l’une des personnes concernées par cet incident, nous y envoyons un code à usage unique, et seulement là. Le code ouvre votre notification personnelle.',
  addressLabel: 'Adresse e-mail ou numéro de téléphone',
  addressHint: 'Un numéro de téléphone doit comporter son indicatif pays, par exemple +33 6 12 34 56 78.',
  send: 'M’envoyer un code',
  addressProblems: {
    required: 'Saisissez une adresse e-mail ou un numéro de téléphone.',
    invalid: 'Nous ne pouvons pas lire cette adresse e-mail ou ce numéro de téléphone.',
    phone_prefix: 'Saisissez le numéro avec son indicatif pays, par exemple +33 6 12 34 56 78.',
  },
  sentTitle: 'Consultez vos messages',
  sent: 'Si cette adresse est concernée, un code est en route. Il est valable {minutes} minutes. Nous n’envoyons rien aux adresses non concernées.',
  codeLabel: 'Code ({digits} chiffres)',
  codeHint: 'Le code figure dans l’e-mail ou le SMS que nous avons envoyé.',
  verify: 'Afficher ma notification',
  codeFormat: 'Saisissez les {digits} chiffres du code.',
  wrongCode: 'Ce code n’est pas correct. Essais restants : {tries}.',
  deadTitle: 'Ce code ne fonctionne plus',
  dead: 'Il a expiré, a déjà servi ou a été mal saisi trop souvent. Recommencez pour recevoir un nouveau code.',
  startAgain: 'Recommencer',
  back: 'Retour à l’annonce',
  unavailableTitle: 'Cette vérification n’est pas disponible',
  unavailable: 'La vérification n’est plus proposée pour cet incident, ou cette annonce n’existe pas.',
  tooManyTitle: 'Trop de tentatives',
  tooMany: 'Veuillez patienter un moment avant de réessayer.',
  errorSummary: 'Il y a un problème',
  emailSubject: 'Votre code : {code}',
  emailBody:
    'Votre code pour savoir si vous êtes concerné par « {title} » est {code}.\n\nIl est valable {minutes} minutes. Si vous ne l’avez pas demandé, ignorez ce message.\n\n{sender}',
  sms: '{code} est votre code pour savoir si vous êtes concerné par l’incident annoncé par {sender}. Valable {minutes} minutes.',
};

const es: LookupText = {
  locale: 'es',
  title: '¿Me ha afectado?',
  intro:
    'Introduzca su correo electrónico o su número de teléfono. Si pertenece a una de las personas afectadas por este incidente, le enviamos allí un código de un solo uso, y solo allí. El código abre su notificación personal.',
  addressLabel: 'Correo electrónico o número de teléfono',
  addressHint: 'Un número de teléfono necesita su prefijo internacional, por ejemplo +34 612 34 56 78.',
  send: 'Enviarme un código',
  addressProblems: {
    required: 'Introduzca un correo electrónico o un número de teléfono.',
    invalid: 'No podemos leer este correo electrónico o número de teléfono.',
    phone_prefix: 'Introduzca el número con su prefijo internacional, por ejemplo +34 612 34 56 78.',
  },
  sentTitle: 'Revise sus mensajes',
  sent: 'Si esta dirección está afectada, le llegará un código. Es válido durante {minutes} minutos. No enviamos nada a direcciones no afectadas.',
  codeLabel: 'Código ({digits} cifras)',
  codeHint: 'El código está en el correo o en el SMS que le enviamos.',
  verify: 'Ver mi notificación',
  codeFormat: 'Introduzca las {digits} cifras del código.',
  wrongCode: 'Este código no es correcto. Intentos restantes: {tries}.',
  deadTitle: 'Este código ya no sirve',
  dead: 'Ha caducado, ya se usó o se introdujo mal demasiadas veces. Empiece de nuevo para recibir otro código.',
  startAgain: 'Empezar de nuevo',
  back: 'Volver al aviso',
  unavailableTitle: 'Esta comprobación no está disponible',
  unavailable: 'La comprobación ya no se ofrece para este incidente, o no existe tal aviso.',
  tooManyTitle: 'Demasiados intentos',
  tooMany: 'Espere un rato antes de volver a intentarlo.',
  errorSummary: 'Hay un problema',
  emailSubject: 'Su código: {code}',
  emailBody:
    'Su código para saber si le afecta «{title}» es {code}.\n\nEs válido durante {minutes} minutos. Si no lo ha pedido, ignore este mensaje.\n\n{sender}',
  sms: '{code} es su código para saber si le afecta el incidente anunciado por {sender}. Válido {minutes} minutos.',
};

const zhCN: LookupText = {
  locale: 'zh-CN',
  title: '我是否受到影响？',
  intro:
    '请输入您的电子邮箱地址或手机号码。如果它属于本次事件的受影响人员，我们会向该地址（且仅向该地址）发送一次性验证码。验证码可打开您的个人通知。',
  addressLabel: '电子邮箱地址或手机号码',
  addressHint: '手机号码需包含国家/地区代码，例如 +86 138 0013 8000。',
  send: '发送验证码',
  addressProblems: {
    required: '请输入电子邮箱地址或手机号码。',
    invalid: '无法识别该电子邮箱地址或手机号码。',
    phone_prefix: '请输入带国家/地区代码的手机号码，例如 +86 138 0013 8000。',
  },
  sentTitle: '请查看您的消息',
  sent: '如果该地址受到影响，验证码正在发送中，{minutes} 分钟内有效。我们不会向未受影响的地址发送任何内容。',
  codeLabel: '验证码（{digits} 位数字）',
  codeHint: '验证码在我们发送的电子邮件或短信中。',
  verify: '查看我的通知',
  codeFormat: '请输入 {digits} 位数字验证码。',
  wrongCode: '验证码不正确。剩余尝试次数：{tries}。',
  deadTitle: '此验证码已失效',
  dead: '验证码已过期、已使用或输错次数过多。请重新开始以获取新的验证码。',
  startAgain: '重新开始',
  back: '返回公告',
  unavailableTitle: '此查询不可用',
  unavailable: '本次事件已不再提供此查询，或该公告不存在。',
  tooManyTitle: '尝试次数过多',
  tooMany: '请稍后再试。',
  errorSummary: '出现问题',
  emailSubject: '您的验证码：{code}',
  emailBody:
    '用于查询您是否受“{title}”影响的验证码是 {code}。\n\n{minutes} 分钟内有效。如果您没有申请，请忽略此邮件。\n\n{sender}',
  sms: '{code} 是您查询是否受 {sender} 所公告事件影响的验证码，{minutes} 分钟内有效。',
};

export const LOOKUP_TEXTS: Readonly<Record<string, LookupText>> = { en, fr, es, 'zh-CN': zhCN };

/** The exact locale, else one of the same language (`fr-CA` reads `fr`), else English. */
export function lookupText(locale: string | undefined): LookupText {
  if (!locale) return en;
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0] ?? '';
  } catch {
    return en;
  }
  const tags = Object.keys(LOOKUP_TEXTS);
  const exact = tags.find((t) => t.toLowerCase() === canonical.toLowerCase());
  const language = canonical.split('-')[0]?.toLowerCase();
  const sameLanguage = tags.find((t) => t.split('-')[0]?.toLowerCase() === language);
  return LOOKUP_TEXTS[exact ?? sameLanguage ?? 'en'] ?? en;
}
