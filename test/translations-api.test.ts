// Translations through the service: a French notice in French in every channel and on its page, a
// German one in the original, and the API naming the locale that falls back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFanoutRig, type FanoutRig } from './support/fanout-fixtures.js';
import { eventually, incidentRequest } from './support/service.js';

let rig: FanoutRig;
beforeAll(async () => {
  rig = await startFanoutRig();
});
afterAll(async () => {
  await rig?.close();
});

const fr = {
  title: 'Sauvegarde client exposée',
  description: 'Un espace de stockage contenant une sauvegarde client était lisible sans authentification.',
  measuresTaken: 'Nous avons fermé l’accès et changé les clés.',
};

describe('translated notices through the API', () => {
  it('refuses a bad translation naming its field', async () => {
    const { svc } = rig;
    const res = await svc.call('responder', 'POST', '/v1/incidents', {
      ...incidentRequest({ translations: { fr: { title: '' } } }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain('translations.fr.title');
  });

  it('sends French people the French text and German people the original, and says de is missing', async () => {
    const { svc, providers } = rig;
    const id = await svc.openIncident({ severity: 'medium', originalLocale: 'en', translations: { fr } });
    await svc.uploadAffectedUsers(
      id,
      [
        'userId,email,phone,pushToken,locale,country',
        'tf1,tf1@example.fr,,,fr-FR,FR',
        'tf2,,+33612345678,,fr,FR',
        'tf3,,,tok-tf3,fr,FR',
        'td1,td1@example.de,,,de,DE',
      ].join('\n'),
    );
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 4,
    );
    const before = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
    expect(before.json.translations).toMatchObject({ provided: ['fr'], missing: ['de'] });
    const approved = await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'go' });
    expect(approved.status).toBe(200);
    expect(approved.json.translations).toMatchObject({ provided: ['fr'], missing: ['de'] });

    const mails = await eventually(async () => {
      const m = providers.smtp.received.filter((r) => /tf1@|td1@/.test(r.envelope.to[0] ?? ''));
      return m.length === 2 ? m : undefined;
    });
    const french = mails.find((m) => m.envelope.to[0] === 'tf1@example.fr')!;
    const german = mails.find((m) => m.envelope.to[0] === 'td1@example.de')!;
    expect(french.subject).toContain(fr.title);
    for (const body of [french.text ?? '', french.html ?? '']) {
      expect(body).toContain('lisible sans authentification');
      expect(body).not.toContain('Exposed backup bucket');
      expect(body).not.toContain('readable without authentication');
    }
    expect(german.subject).toContain('Exposed backup bucket');
    expect(german.text).toContain('readable without authentication');

    const sms = await eventually(async () => providers.twilio.received.find((s) => s.to === '+33612345678'));
    expect(sms.body).toContain('Sauvegarde client expos');
    expect(sms.body).not.toContain('Exposed backup');
    const push = await eventually(async () => providers.fcm.received.find((p) => p.token === 'tok-tf3'));
    expect(JSON.stringify(push.message)).not.toContain('Exposed backup');

    // The page the French email links to.
    const url = new URL(/https:\/\/notify\.acme\.example\/n\/\S+/.exec(french.text ?? '')![0]);
    const page = await svc.app.inject({ method: 'GET', url: url.pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(fr.title);
    expect(page.body).toContain('lisible sans authentification');
    expect(page.body).not.toContain('Exposed backup bucket');

    const view = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
    expect(view.json.translations).toEqual({
      originalLocale: 'en',
      provided: ['fr'],
      missing: ['de'],
      // The default incident has user actions the French translation does not give.
      incomplete: { fr: ['userActions'], 'fr-FR': ['userActions'] },
    });

    // A supplement carries the French of its new text; the German person reads the new original.
    await svc.reachPhase(id, 'monitoring');
    const update = await svc.call('responder', 'POST', `/v1/incidents/${id}/updates`, {
      description: 'Forensics found a second party also copied the backup on 19 November.',
      translations: { fr: { description: 'Une seconde partie a aussi copié la sauvegarde le 19 novembre.' } },
      note: 'second copy',
    });
    expect(update.status).toBe(202);
    const v2 = await eventually(async () => {
      const m = providers.smtp.received.filter((r) => /tf1@|td1@/.test(r.envelope.to[0] ?? ''));
      return m.length === 4 ? m.slice(2) : undefined;
    });
    expect(v2.find((m) => m.envelope.to[0] === 'tf1@example.fr')!.text).toContain('seconde partie');
    expect(v2.find((m) => m.envelope.to[0] === 'td1@example.de')!.text).toContain('second party also copied');
    expect((await svc.ledger.getIncident(id))?.facts.translations?.fr).toMatchObject({
      title: fr.title,
      measuresTaken: fr.measuresTaken,
    });
  });
});
