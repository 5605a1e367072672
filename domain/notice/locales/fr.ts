import type { NoticeTemplate } from '../template.js';

/** French. */
export const fr = {
  locale: 'fr',
  subject: 'Notification de violation de données : {title}',
  supplementalSubject:
    'Mise à jour de notre notification de violation de données (version {version}) : {title}',
  greetingNamed: 'Bonjour {name},',
  greetingAnonymous: 'Bonjour,',
  intro:
    '{org} vous informe d’un incident de sécurité qui concerne une partie de vos données personnelles. Cette notification explique ce qui s’est passé, ce que cela signifie pour vous et ce que vous pouvez faire.',
  supplementalIntro:
    'Ceci est la version {version} de la notification que {org} vous a envoyée au sujet de cet incident. Elle met à jour la notification précédente avec ce que nous savons maintenant.',
  headings: {
    whatHappened: 'Ce qui s’est passé',
    when: 'Quand cela s’est produit',
    yourData: 'Quelles données vous concernant sont touchées',
    consequences: 'Ce que cela peut signifier pour vous',
    whatWeDid: 'Ce que nous faisons',
    whatYouCanDo: 'Ce que vous pouvez faire',
    contact: 'Pour en savoir plus',
    complaint: 'Votre droit de réclamation',
  },
  when: {
    discovered: 'Nous avons découvert l’incident le {date}.',
    between: 'Il s’est produit entre le {from} et le {to}.',
    since: 'Il a commencé le {from}.',
    until: 'Il a duré jusqu’au {to}.',
    occurredUnknown:
      'Nous ne savons pas encore exactement quand il a commencé ; nous vous le dirons dès que nous le saurons.',
  },
  yourData: 'Les données vous concernant qui sont touchées :',
  categories: {
    email: 'adresse e-mail',
    phone: 'numéro de téléphone',
    name: 'nom',
    address: 'adresse postale',
    date_of_birth: 'date de naissance',
    password: 'mot de passe ou questions de sécurité',
    payment_card: 'données de carte de paiement',
    bank_account: 'coordonnées bancaires',
    national_id: 'numéro d’identité nationale ou de sécurité sociale',
    passport: 'données de passeport',
    health: 'données de santé',
    biometric: 'données biométriques',
    location: 'données de localisation',
    device_id: 'identifiants d’appareils',
    ip_address: 'adresses IP',
    financial: 'informations financières',
    children: 'données concernant des enfants',
    other: 'autres données personnelles',
  },
  consequencesIntro: 'Compte tenu des données touchées, voici les principaux risques :',
  risks: {
    identityTheft:
      'Quelqu’un pourrait essayer de se faire passer pour vous, par exemple pour ouvrir des comptes ou souscrire un crédit à votre nom.',
    accountTakeover:
      'Quelqu’un pourrait essayer d’accéder à vos comptes en ligne, ici ou sur d’autres sites où vous utilisez le même mot de passe.',
    financialFraud:
      'Quelqu’un pourrait essayer d’effectuer des paiements ou des retraits avec votre carte ou votre compte.',
    phishing:
      'Vous pourriez recevoir des e-mails, SMS ou appels se faisant passer pour nous ou pour d’autres, afin de vous soutirer d’autres informations.',
    sensitiveExposure:
      'Des informations sensibles vous concernant pourraient être divulguées, ce qui pourrait vous causer du tort ou un traitement injuste.',
    tracking: 'Quelqu’un pourrait savoir où vous êtes allé ou relier votre activité en ligne à vous.',
    general:
      'Vos données pourraient être utilisées à mauvais escient. Nous n’en avons aucune preuve à ce jour, mais nous tenons à vous en informer.',
  },
  advice: {
    identityTheft:
      'Surveillez les comptes et crédits ouverts à votre nom et signalez toute anomalie à votre banque.',
    accountTakeover:
      'Changez votre mot de passe ici et sur tout autre site où vous utilisiez le même, et activez la validation en deux étapes.',
    financialFraud:
      'Surveillez vos relevés bancaires et de carte et signalez immédiatement à votre banque toute opération que vous ne reconnaissez pas.',
    phishing:
      'Méfiez-vous des messages inattendus qui demandent des informations personnelles ou vous pressent d’agir.',
    sensitiveExposure:
      'Si vous vous inquiétez de l’usage qui pourrait être fait de ces informations, contactez-nous et nous vous aiderons.',
    tracking: 'Vérifiez les paramètres de confidentialité de vos appareils et applications.',
    general: 'Restez attentif à toute activité inhabituelle sur vos comptes ou vos données personnelles.',
  },
  phishingWarning:
    '{org} ne vous demandera jamais votre mot de passe, votre code ou vos données de carte par e-mail, SMS ou téléphone. Si quelqu’un le fait, ce n’est pas nous.',
  contact: {
    intro: 'Pour toute question, contactez {org} :',
    email: 'E-mail',
    phone: 'Téléphone',
    web: 'Site web',
  },
  complaint: 'Vous avez le droit d’introduire une réclamation auprès de {regulator}.',
  complaintMore: 'Comment introduire une réclamation',
  readOnline: 'Lire cette notification en ligne',
  footer:
    'Ceci est une notification légale concernant vos données personnelles, envoyée parce que la loi l’exige. Ce n’est pas de la publicité : il n’y a rien dont se désabonner.',
  sms: {
    full: '{org} : Notification de violation de donnees vous concernant. {summary} Details : {url}',
    supplemental:
      '{org} : Mise a jour de notre notification de violation de donnees. {summary} Details : {url}',
    short: 'Violation de donnees : {url}',
    summaryEnd: '.',
  },
  push: {
    title: 'Notification importante sur vos données',
    supplementalTitle: 'Mise à jour d’une notification sur vos données',
    body: '{org} a une notification importante concernant vos données personnelles. Touchez pour lire ce qui s’est passé et ce que vous pouvez faire.',
  },
  page: {
    version: 'Version {version} de cette notification.',
    linkExpired: 'Ce lien a expiré. Contactez-nous et nous vous renverrons la notification.',
    linkInvalid: 'Ce lien n’est pas valide. Vérifiez que vous avez copié le lien en entier.',
  },
} as const satisfies NoticeTemplate;
