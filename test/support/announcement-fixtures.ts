// An incident with affected people in several languages, ready to be announced, and a Fastify app
// serving only the public announcement routes (they need no Temporal client).
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { publicAnnouncementRoutes } from '../../api/routes/public-announcements.js';
import { installErrorHandler } from '../../api/errors.js';
import type { AffectedUser } from '../../domain/affected-user.js';
import type { PublishAnnouncementInput } from '../../activities/announcements.js';
import type { Ledger } from '../../store/ledger.js';
import { newIncident } from './stores.js';

export const BASE_URL = 'https://notices.acme.example';

/** People whose names, emails and phones must never reach a public page, its JSON or the feed. */
export const PEOPLE: AffectedUser[] = [
  {
    userId: 'u-1',
    name: 'Zelda Quenby',
    email: 'zelda.quenby@mail.example',
    phone: '+14155550101',
    locale: 'en',
  },
  {
    userId: 'u-2',
    name: 'Amélie Poulain',
    email: 'amelie.poulain@mail.example',
    phone: '+33612345678',
    locale: 'fr',
  },
  {
    userId: 'u-3',
    name: 'Gérard Tremblay',
    email: 'gerard@quebec.example',
    phone: '+15145550199',
    locale: 'fr-CA',
  },
  {
    userId: 'u-4',
    name: 'Wu Lingxi',
    email: 'wu.lingxi@mail.example',
    phone: '+8613800138000',
    locale: 'zh-CN',
  },
];

export function personalData(people = PEOPLE): string[] {
  return people.flatMap((p) => [p.userId, p.name, p.email, p.phone].filter((v): v is string => Boolean(v)));
}

/** An incident written in English with a French translation that leaves "what we are doing" out. */
export async function announcedIncident(ledger: Ledger): Promise<string> {
  const id = await newIncident(ledger, {
    title: 'Customer database exposed',
    description: 'A misconfigured backup bucket exposed the customer table for two days.',
    measuresTaken: 'We closed the bucket and rotated every access key.',
    userActions: ['Change your password.'],
    originalLocale: 'en',
    contact: {
      name: 'Acme Privacy Office',
      email: 'privacy@acme.example',
      phone: '+44 20 7946 0000',
      url: 'https://acme.example/incident',
    },
    translations: {
      fr: {
        title: 'Base de données clients exposée',
        description:
          'Un compartiment de sauvegarde mal configuré a exposé la table des clients pendant deux jours.',
        userActions: ['Changez votre mot de passe.'],
      },
    },
  });
  await ledger.upsertAffectedUsers(id, PEOPLE);
  await ledger.assess(id);
  return id;
}

export function publishInput(incidentId: string, version = 1): PublishAnnouncementInput {
  return {
    incidentId,
    version,
    reasons: [{ code: 'unreachable_share', detail: 'more than 10 % of the people could not be reached' }],
    replacesIndividualNoticeFor: 0,
    expiresAt: '2027-03-01T00:00:00.000Z',
    approvedBy: 'approver-1',
  };
}

export async function publicApp(ledger: Ledger, baseUrl = BASE_URL): Promise<FastifyInstance> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(publicAnnouncementRoutes({ ledger, baseUrl }));
  return app;
}
