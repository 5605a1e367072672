// The incident's own words per locale: validation, what a supplement keeps, which notice reads which
// translation, and which people's locales fall back to the original text.
import { describe, expect, it } from 'vitest';
import { OpenIncidentRequest } from '../domain/incident.js';
import { supplementTranslations } from '../domain/incident-translations.js';
import { renderNotice, renderNoticePage } from '../domain/notice/index.js';
import { translationCoverage } from '../domain/notice/translation.js';
import { incidentRequest } from './support/service.js';

const fr = {
  title: 'Sauvegarde client exposée',
  description: 'Un espace de stockage contenant une sauvegarde client était lisible sans authentification.',
  measuresTaken: 'Nous avons fermé l’accès et changé les clés.',
  userActions: ['Méfiez-vous des messages qui demandent votre mot de passe.'],
};

const paths = (body: unknown) =>
  OpenIncidentRequest.safeParse(body).error?.issues.map((i) => i.path.join('.')) ?? [];

describe('incident translations', () => {
  it('are checked field by field, under canonical BCP 47 keys', () => {
    const parsed = OpenIncidentRequest.parse(
      incidentRequest({ translations: { fr_ca: fr, DE: { title: 'Titel' } } }),
    );
    expect(Object.keys(parsed.translations!)).toEqual(['fr-CA', 'de']);
    expect(paths(incidentRequest({ translations: { fr: { ...fr, title: '' } } }))).toEqual([
      'translations.fr.title',
    ]);
    expect(paths(incidentRequest({ translations: { fr: { ...fr, summary: 'x' } } }))).toEqual([
      'translations.fr',
    ]);
    expect(paths(incidentRequest({ translations: { 'not a tag!': fr } }))).toEqual([
      'translations.not a tag!',
    ]);
    expect(paths(incidentRequest({ translations: { fr, FR: fr } }))).toEqual(['translations.FR']);
    expect(paths(incidentRequest({ translations: { fr: {} } }))).toEqual(['translations.fr']);
    expect(paths(incidentRequest({ originalLocale: '!!' }))).toEqual(['originalLocale']);
  });

  it('lose the old text of a field a supplement rewrites, unless it is translated again', () => {
    const before = { fr, de: { description: 'Alt' } };
    const after = supplementTranslations(before, {
      description: 'A second party copied the bucket.',
      translations: { es: { description: 'Un tercero copió el depósito.' } },
    });
    expect(after).toEqual({
      fr: { title: fr.title, measuresTaken: fr.measuresTaken, userActions: fr.userActions },
      es: { description: 'Un tercero copió el depósito.' },
    });
    const again = supplementTranslations(before, {
      description: 'new',
      translations: { fr: { description: 'nouveau' } },
    });
    expect(again?.fr).toEqual({ ...fr, description: 'nouveau' });
  });

  it('are read in the person’s locale, then language, then the original text, in every channel', () => {
    const facts = OpenIncidentRequest.parse(incidentRequest({ translations: { fr } }));
    const { originalLocale: _o, attributes: _a, severity: _s, externalId: _e, ...incident } = facts;
    const base = { incident, noticeVersion: 1, noticeUrl: 'https://notify.example/n/abc' };
    const french = renderNotice({ ...base, locale: 'fr-CA' });
    expect(french.email.subject).toContain('Sauvegarde client exposée');
    expect(french.email.subject).not.toContain('Exposed backup bucket');
    for (const text of [french.email.text, french.email.html]) {
      expect(text).toContain('lisible sans authentification');
      expect(text).toContain('changé les clés');
      expect(text).toContain('Méfiez-vous');
      expect(text).not.toContain('Exposed backup bucket');
      expect(text).not.toContain('readable without authentication');
    }
    expect(french.sms).toContain('Sauvegarde client expos');
    expect(french.sms).not.toContain('Exposed backup');
    expect(JSON.stringify(french.push)).not.toContain('Exposed backup');
    const page = renderNoticePage({ incident, noticeVersion: 1, locale: 'fr' });
    expect(page).toContain('Sauvegarde client exposée');
    expect(page).not.toContain('Exposed backup bucket');

    const german = renderNotice({ ...base, locale: 'de-DE' });
    expect(german.email.subject).toContain('Exposed backup bucket');
    expect(german.email.text).toContain('readable without authentication');
    expect(german.sms).toContain('Exposed backup bucket');

    // A regional translation wins over the language's for people of that region only.
    const both = { ...incident, translations: { fr, 'fr-CA': { title: 'Sauvegarde exposée (Canada)' } } };
    expect(renderNotice({ ...base, incident: both, locale: 'fr-CA' }).email.subject).toContain('(Canada)');
    expect(renderNotice({ ...base, incident: both, locale: 'fr-FR' }).email.subject).toContain(fr.title);
  });

  it('name the people’s locales that fall back to the original text', () => {
    const facts = OpenIncidentRequest.parse(
      incidentRequest({ originalLocale: 'en', translations: { fr, es: { title: 'Copia expuesta' } } }),
    );
    expect(translationCoverage(facts, ['fr-CA', 'de', 'en-US', 'es', 'unknown'])).toEqual({
      originalLocale: 'en',
      provided: ['es', 'fr'],
      missing: ['de'],
      incomplete: { es: ['description', 'measuresTaken', 'userActions'] },
    });
    const unsaid = OpenIncidentRequest.parse(incidentRequest({ translations: { fr } }));
    expect(translationCoverage(unsaid, ['fr', 'de', 'unknown']).missing).toEqual(['de', 'unknown']);
  });
});
