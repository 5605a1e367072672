// The words of a public announcement that an individual notice does not have, per notice locale.
// The sections' own text comes from the notice templates (domain/notice/locales/*), so an
// announcement and a notice about the same incident say the same.
import { DEFAULT_NOTICE_LOCALE } from '../notice/locales/index.js';

export interface AnnouncementTexts {
  /** The language's own name, for the language switch. */
  readonly languageName: string;
  /** {title} */
  readonly heading: string;
  /** {org} */
  readonly intro: string;
  /** Replace the notice's second-person headings, since a reader may not be affected. */
  readonly yourDataHeading: string;
  readonly yourData: string;
  readonly consequencesHeading: string;
  readonly discovered: string;
  readonly published: string;
  readonly updated: string;
  readonly postedUntil: string;
  /** {version} */
  readonly version: string;
  readonly timelineHeading: string;
  readonly timelineFirst: string;
  /** {sections} */
  readonly timelineUpdated: string;
  readonly archived: string;
  /** The index's mark of an archived notice. */
  readonly archivedLabel: string;
  readonly fallback: string;
  readonly languages: string;
  readonly lookupHeading: string;
  readonly lookupIntro: string;
  readonly lookupLabel: string;
  readonly lookupButton: string;
  readonly indexTitle: string;
  readonly indexEmpty: string;
  readonly feed: string;
  readonly json: string;
}

const en: AnnouncementTexts = {
  languageName: 'English',
  heading: 'Public notice of a data breach: {title}',
  intro:
    '{org} publishes this notice about a security incident that involved personal information. It explains what happened, what it may mean for the people affected and what they can do.',
  yourDataHeading: 'What information was involved',
  yourData: 'The personal information involved:',
  consequencesHeading: 'What this could mean for the people affected',
  discovered: 'Discovered',
  published: 'Published',
  updated: 'Last updated',
  postedUntil: 'Posted at least until',
  version: 'Version {version}',
  timelineHeading: 'Timeline of this notice',
  timelineFirst: 'First published.',
  timelineUpdated: 'Updated: {sections}.',
  archivedLabel: 'archived',
  archived: 'This notice is archived. It stays available for reference and is no longer updated.',
  fallback:
    'Parts of this notice are not yet translated into English; they are shown in their original language.',
  languages: 'This notice in other languages',
  lookupHeading: 'Were you affected?',
  lookupIntro:
    'Enter your email address or phone number. If it belongs to an affected person, we send a one-time code to that address only.',
  lookupLabel: 'Email address or phone number',
  lookupButton: 'Check',
  indexTitle: 'Public notices of data breaches',
  indexEmpty: 'There are no public notices.',
  feed: 'Atom feed of all notices',
  json: 'This notice as JSON',
};

const fr: AnnouncementTexts = {
  languageName: 'Français',
  heading: 'Avis public de violation de données : {title}',
  intro:
    '{org} publie cet avis au sujet d’un incident de sécurité qui a touché des données personnelles. Il explique ce qui s’est passé, ce que cela peut signifier pour les personnes concernées et ce qu’elles peuvent faire.',
  yourDataHeading: 'Quelles données sont touchées',
  yourData: 'Les données personnelles touchées :',
  consequencesHeading: 'Ce que cela peut signifier pour les personnes concernées',
  discovered: 'Découvert le',
  published: 'Publié le',
  updated: 'Dernière mise à jour',
  postedUntil: 'En ligne au moins jusqu’au',
  version: 'Version {version}',
  timelineHeading: 'Historique de cet avis',
  timelineFirst: 'Première publication.',
  timelineUpdated: 'Mis à jour : {sections}.',
  archivedLabel: 'archivé',
  archived: 'Cet avis est archivé. Il reste consultable et n’est plus mis à jour.',
  fallback:
    'Certaines parties de cet avis ne sont pas encore traduites en français ; elles sont affichées dans leur langue d’origine.',
  languages: 'Cet avis dans d’autres langues',
  lookupHeading: 'Êtes-vous concerné ?',
  lookupIntro:
    'Saisissez votre adresse e-mail ou votre numéro de téléphone. S’il appartient à une personne concernée, nous envoyons un code à usage unique à cette seule adresse.',
  lookupLabel: 'Adresse e-mail ou numéro de téléphone',
  lookupButton: 'Vérifier',
  indexTitle: 'Avis publics de violations de données',
  indexEmpty: 'Il n’y a aucun avis public.',
  feed: 'Flux Atom de tous les avis',
  json: 'Cet avis au format JSON',
};

const es: AnnouncementTexts = {
  languageName: 'Español',
  heading: 'Aviso público de una brecha de datos: {title}',
  intro:
    '{org} publica este aviso sobre un incidente de seguridad que afectó a información personal. Explica qué ocurrió, qué puede significar para las personas afectadas y qué pueden hacer.',
  yourDataHeading: 'Qué información se vio afectada',
  yourData: 'La información personal afectada:',
  consequencesHeading: 'Qué puede significar para las personas afectadas',
  discovered: 'Descubierto el',
  published: 'Publicado el',
  updated: 'Última actualización',
  postedUntil: 'Publicado al menos hasta',
  version: 'Versión {version}',
  timelineHeading: 'Historial de este aviso',
  timelineFirst: 'Primera publicación.',
  timelineUpdated: 'Actualizado: {sections}.',
  archivedLabel: 'archivado',
  archived: 'Este aviso está archivado. Sigue disponible para consulta y ya no se actualiza.',
  fallback:
    'Algunas partes de este aviso aún no están traducidas al español; se muestran en su idioma original.',
  languages: 'Este aviso en otros idiomas',
  lookupHeading: '¿Se vio usted afectado?',
  lookupIntro:
    'Introduzca su correo electrónico o su número de teléfono. Si pertenece a una persona afectada, enviaremos un código de un solo uso únicamente a esa dirección.',
  lookupLabel: 'Correo electrónico o número de teléfono',
  lookupButton: 'Comprobar',
  indexTitle: 'Avisos públicos de brechas de datos',
  indexEmpty: 'No hay avisos públicos.',
  feed: 'Canal Atom de todos los avisos',
  json: 'Este aviso en JSON',
};

const zhCN: AnnouncementTexts = {
  languageName: '简体中文',
  heading: '数据泄露公告：{title}',
  intro:
    '{org}发布本公告，说明一起涉及个人信息的安全事件：发生了什么、对受影响的人可能意味着什么，以及他们可以采取的措施。',
  yourDataHeading: '涉及哪些信息',
  yourData: '涉及的个人信息：',
  consequencesHeading: '可能对受影响的人造成的影响',
  discovered: '发现时间',
  published: '发布时间',
  updated: '最后更新',
  postedUntil: '公告至少保留至',
  version: '第 {version} 版',
  timelineHeading: '本公告的更新记录',
  timelineFirst: '首次发布。',
  timelineUpdated: '已更新：{sections}。',
  archivedLabel: '已归档',
  archived: '本公告已归档，仍可查阅，但不再更新。',
  fallback: '本公告的部分内容尚未翻译成中文，以原文显示。',
  languages: '本公告的其他语言版本',
  lookupHeading: '您是否受到影响？',
  lookupIntro: '请输入您的电子邮箱地址或电话号码。如果它属于受影响的人，我们只会向该地址发送一次性验证码。',
  lookupLabel: '电子邮箱地址或电话号码',
  lookupButton: '查询',
  indexTitle: '数据泄露公告',
  indexEmpty: '暂无公告。',
  feed: '所有公告的 Atom 订阅',
  json: '本公告的 JSON 格式',
};

/** Keyed like NOTICE_TEMPLATES; a test checks that every notice locale has its announcement words. */
export const ANNOUNCEMENT_TEXTS: Readonly<Record<string, AnnouncementTexts>> = { en, fr, es, 'zh-CN': zhCN };

export function announcementTexts(noticeLocale: string): AnnouncementTexts {
  return ANNOUNCEMENT_TEXTS[noticeLocale] ?? (ANNOUNCEMENT_TEXTS[DEFAULT_NOTICE_LOCALE] as AnnouncementTexts);
}
