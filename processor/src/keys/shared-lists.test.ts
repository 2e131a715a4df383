import { describe, expect, it } from 'vitest';
import { NO_STRINGS, SharedLists } from './shared-lists.js';

describe('shared lists', () => {
  it('gives one array per distinct list, and never writes one', () => {
    const lists = new SharedLists(100);
    const a = lists.append(lists.append(NO_STRINGS, 'x'), 'y');
    const b = lists.append(lists.append(NO_STRINGS, 'x'), 'y');
    const c = lists.append(lists.append(NO_STRINGS, 'x'), 'z');
    expect(b).toBe(a);
    expect(a).toEqual(['x', 'y']);
    expect(c).toEqual(['x', 'z']);
    expect(lists.append(a, 'w')).toEqual(['x', 'y', 'w']);
    expect(a).toEqual(['x', 'y']);
  });

  it('starts again past its capacity; lists handed out stay as they were', () => {
    const lists = new SharedLists(2);
    const a = lists.append(NO_STRINGS, 'a');
    lists.append(a, 'b');
    lists.append(lists.append(NO_STRINGS, 'c'), 'd');
    const again = lists.append(NO_STRINGS, 'a');
    expect(again).toEqual(['a']);
    expect(again).not.toBe(a);
    expect(a).toEqual(['a']);
  });
});
