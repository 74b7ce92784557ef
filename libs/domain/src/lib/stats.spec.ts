import { publishPeople } from './stats';

describe('publishPeople (small-cell rule)', () => {
  it.each([
    [0, false, 0],
    [1, false, '<5'],
    [4, false, '<5'],
    [5, false, 5],
    [3, true, 3],
  ])('publishes %i (own Comune: %s) as %j', (count, own, shown) => {
    expect(publishPeople(count, own)).toBe(shown);
  });
});
