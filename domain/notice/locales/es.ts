import type { NoticeTemplate } from '../template.js';

/** Spanish. */
export const es = {
  locale: 'es',
  subject: 'Aviso de brecha de datos: {title}',
  supplementalSubject: 'Actualización de nuestro aviso de brecha de datos (versión {version}): {title}',
  greetingNamed: 'Estimado/a {name}:',
  greetingAnonymous: 'Hola:',
  intro:
    '{org} le escribe para informarle de un incidente de seguridad que afecta a parte de su información personal. Este aviso explica qué ocurrió, qué significa para usted y qué puede hacer.',
  supplementalIntro:
    'Esta es la versión {version} del aviso que {org} le envió sobre este incidente. Actualiza el aviso anterior con lo que sabemos ahora.',
  headings: {
    whatHappened: 'Qué ocurrió',
    when: 'Cuándo ocurrió',
    yourData: 'Qué información suya se vio afectada',
    consequences: 'Qué puede significar para usted',
    whatWeDid: 'Qué estamos haciendo',
    whatYouCanDo: 'Qué puede hacer usted',
    contact: 'Más información',
    complaint: 'Su derecho a reclamar',
  },
  when: {
    discovered: 'Descubrimos el incidente el {date}.',
    between: 'Tuvo lugar entre el {from} y el {to}.',
    since: 'Comenzó el {from}.',
    until: 'Duró hasta el {to}.',
    occurredUnknown: 'Todavía no sabemos con exactitud cuándo comenzó; se lo diremos cuando lo sepamos.',
  },
  yourData: 'La información sobre usted que se vio afectada:',
  categories: {
    email: 'dirección de correo electrónico',
    phone: 'número de teléfono',
    name: 'nombre',
    address: 'dirección postal',
    date_of_birth: 'fecha de nacimiento',
    password: 'contraseña o preguntas de seguridad',
    payment_card: 'datos de la tarjeta de pago',
    bank_account: 'datos de la cuenta bancaria',
    national_id: 'número de documento nacional de identidad o de la seguridad social',
    passport: 'datos del pasaporte',
    health: 'información de salud',
    biometric: 'datos biométricos',
    location: 'datos de ubicación',
    device_id: 'identificadores de dispositivos',
    ip_address: 'direcciones IP',
    financial: 'información financiera',
    children: 'información sobre menores',
    other: 'otra información personal',
  },
  consequencesIntro: 'Según la información afectada, estos son los principales riesgos:',
  risks: {
    identityTheft:
      'Alguien podría intentar hacerse pasar por usted, por ejemplo para abrir cuentas o pedir créditos a su nombre.',
    accountTakeover:
      'Alguien podría intentar entrar en sus cuentas en línea, aquí o en otros sitios donde use la misma contraseña.',
    financialFraud: 'Alguien podría intentar hacer pagos o retiradas con su tarjeta o su cuenta.',
    phishing:
      'Puede recibir correos, mensajes o llamadas que se hacen pasar por nosotros o por otros para engañarle y obtener más información.',
    sensitiveExposure:
      'Información sensible sobre usted podría divulgarse, lo que podría causarle angustia o un trato injusto.',
    tracking: 'Alguien podría saber dónde ha estado o relacionar su actividad en línea con usted.',
    general:
      'Su información podría usarse indebidamente. Hasta ahora no tenemos pruebas de ello, pero queremos que lo sepa.',
  },
  advice: {
    identityTheft:
      'Revise su informe de crédito y considere pedir una alerta de fraude o un bloqueo de crédito.',
    accountTakeover:
      'Cambie su contraseña aquí y en cualquier otro sitio donde usara la misma, y active la verificación en dos pasos.',
    financialFraud:
      'Revise sus extractos bancarios y de tarjeta y avise enseguida a su banco de cualquier cargo que no reconozca.',
    phishing: 'Desconfíe de mensajes inesperados que pidan información personal o le metan prisa.',
    sensitiveExposure: 'Si le preocupa cómo podría usarse esta información, contáctenos y le ayudaremos.',
    tracking: 'Revise la configuración de privacidad de sus dispositivos y aplicaciones.',
    general: 'Esté atento a cualquier cosa inusual en sus cuentas o su información personal.',
  },
  phishingWarning:
    '{org} nunca le pedirá su contraseña, PIN ni datos de tarjeta por correo, mensaje o teléfono. Si alguien lo hace, no somos nosotros.',
  contact: {
    intro: 'Si tiene preguntas, póngase en contacto con {org}:',
    email: 'Correo electrónico',
    phone: 'Teléfono',
    web: 'Web',
  },
  complaint: 'Tiene derecho a presentar una reclamación ante {regulator}.',
  complaintMore: 'Cómo reclamar',
  readOnline: 'Leer este aviso en línea',
  footer:
    'Este es un aviso legal sobre su información personal, enviado porque la ley lo exige. No es publicidad, por lo que no hay nada de lo que darse de baja.',
  sms: {
    full: '{org}: Aviso de brecha de datos que afecta a su informacion. {summary} Aviso completo: {url}',
    supplemental: '{org}: Actualizacion de nuestro aviso de brecha de datos. {summary} Aviso completo: {url}',
    short: 'Aviso de brecha de datos: {url}',
    summaryEnd: '.',
  },
  push: {
    title: 'Aviso importante sobre sus datos',
    supplementalTitle: 'Actualización de un aviso sobre sus datos',
    body: '{org} tiene un aviso importante sobre su información personal. Toque para leer qué ocurrió y qué puede hacer.',
  },
  page: {
    version: 'Versión {version} de este aviso.',
    linkExpired: 'Este enlace ha caducado. Contáctenos y le enviaremos el aviso de nuevo.',
    linkInvalid: 'Este enlace no es válido. Compruebe que ha copiado el enlace completo.',
  },
} as const satisfies NoticeTemplate;
