import { appTranslations } from '../../testing/i18n-testing';

/** Every leaf key of a translation object, dotted (`comuni.columns.name`). */
function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

function leafValues(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value];
  return Object.values(value).flatMap(leafValues);
}

describe('translation files', () => {
  const it_ = appTranslations('it');
  const en = appTranslations('en');

  it('have exactly the same keys in Italian and English', () => {
    const itKeys = leafKeys(it_).sort();
    const enKeys = leafKeys(en).sort();
    expect(itKeys.filter((key) => !enKeys.includes(key))).toEqual([]); // missing in en.json
    expect(enKeys.filter((key) => !itKeys.includes(key))).toEqual([]); // missing in it.json
    expect(itKeys.length).toBeGreaterThan(50);
  });

  it('hold only non-empty strings', () => {
    for (const labels of [it_, en]) {
      for (const value of leafValues(labels)) {
        expect(typeof value).toBe('string');
        expect((value as string).trim()).not.toBe('');
      }
    }
  });

  it('keep out of the `it` namespace, which holds the design-angular-kit labels', () => {
    expect(Object.keys(it_)).not.toContain('it');
    expect(Object.keys(en)).not.toContain('it');
  });

  it('use the same interpolation parameters in both languages', () => {
    const params = (text: unknown) => String(text).match(/{{\s*\w+\s*}}/g)?.sort() ?? [];
    const itEntries = leafKeys(it_);
    const lookup = (labels: unknown, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], labels);
    for (const key of itEntries) {
      expect({ key, params: params(lookup(en, key)) }).toEqual({ key, params: params(lookup(it_, key)) });
    }
  });
});
