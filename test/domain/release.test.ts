import { releasable, type PendingSummary } from '../../src/domain/release';

const person = (role: string, themes = ['t1'], items = ['a', 'b']): PendingSummary => ({ role, themes, items });
const many = (n: number, p: PendingSummary) => Array.from({ length: n }, () => p);

describe('releasable: when waiting answers may join the results', () => {
  it('releases everything the first time (nothing was published to compare with)', () => {
    expect(releasable([person('staff'), person('carer')], 5, true)).toEqual([0, 1]);
  });

  it.each<[string, PendingSummary[], number[]]>([
    ['4 staff: not yet', many(4, person('staff')), []],
    ['5 staff: a batch', many(5, person('staff')), [0, 1, 2, 3, 4]],
    // staff are ready; the lone carer waits for four more carers
    ['5 staff and 1 carer: the staff only', [...many(5, person('staff')), person('carer')], [0, 1, 2, 3, 4]],
    // one of the 5 staff skipped question b: b would change by 4 people, so staff wait
    ['5 staff, one skipped a question', [...many(4, person('staff')), person('staff', ['t1'], ['a'])], []],
    // ... until a sixth answers it: b changes by 5
    ['6 staff, one skipped a question', [...many(5, person('staff')), person('staff', ['t1'], ['a'])], [0, 1, 2, 3, 4, 5]],
    // a theme only one of them scored would change by one person
    ['a theme scored by one of them', [...many(4, person('staff')), person('staff', ['t1', 't2'], ['a', 'b'])], []],
  ])('%s', (_name, pending, expected) => {
    expect(releasable(pending, 5, false)).toEqual(expected);
  });

  it('applies the floor of 3 to the minimum group size', () => {
    expect(releasable(many(3, person('staff')), 1, false)).toEqual([0, 1, 2]);
    expect(releasable(many(2, person('staff')), 1, false)).toEqual([]);
  });
});
