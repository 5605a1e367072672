import { describe, expect, it } from 'vitest';
import { mergeAffectedUser, sameAffectedUser } from '../domain/affected-user-merge.js';

describe('merging two records of one affected person', () => {
  it('lets a later non-empty field win and keeps what the later record leaves out', () => {
    const merged = mergeAffectedUser(
      { userId: 'u1', name: 'Ada', email: 'ada@example.com', locale: 'en' },
      { userId: 'u1', email: 'ada@new.example', phone: '+14155550123' },
    );
    expect(merged).toEqual({
      userId: 'u1',
      name: 'Ada',
      email: 'ada@new.example',
      phone: '+14155550123',
      locale: 'en',
    });
  });

  it('unites data categories in their canonical order, without repeats', () => {
    const merged = mergeAffectedUser(
      { userId: 'u1', dataCategories: ['password', 'email'] },
      { userId: 'u1', dataCategories: ['email', 'name'] },
    );
    expect(merged.dataCategories).toEqual(['email', 'name', 'password']);
    // Categories on one side only are kept, not dropped.
    expect(
      mergeAffectedUser({ userId: 'u1', dataCategories: ['phone'] }, { userId: 'u1' }).dataCategories,
    ).toEqual(['phone']);
  });

  it('does not change its inputs', () => {
    const a = { userId: 'u1', name: 'Ada' };
    const b = { userId: 'u1', name: 'Ada Lovelace' };
    mergeAffectedUser(a, b);
    expect(a).toEqual({ userId: 'u1', name: 'Ada' });
  });
});

describe('telling whether a merge changed a person', () => {
  it('sees no change when the later record adds nothing', () => {
    const before = { userId: 'u1', name: 'Ada', dataCategories: ['email' as const] };
    expect(sameAffectedUser(before, mergeAffectedUser(before, { userId: 'u1', name: 'Ada' }))).toBe(true);
  });

  it('sees a changed field or a new data category', () => {
    const before = { userId: 'u1', email: 'ada@example.com' };
    expect(sameAffectedUser(before, { ...before, email: 'ada@new.example' })).toBe(false);
    expect(sameAffectedUser(before, { ...before, dataCategories: ['email'] })).toBe(false);
    expect(sameAffectedUser(before, { ...before, region: 'US-CA' })).toBe(false);
  });
});
