import { describe, expect, it } from 'vitest';
import { maximumMatching } from './matching.ts';

describe('maximum bipartite matching', () => {
  it.each([
    [[[0], [0, 1]], 2, 2],
    [[[0, 1], [0]], 2, 2],
    [[[0], [0], [0]], 1, 1],
    [[[1, 2], [0], [0, 1]], 3, 3],
    [[[], [0]], 1, 1],
  ])('%j over %i right vertices matches %i', (edges, right, size) => {
    const match = maximumMatching(edges, right);
    expect(match.filter((j) => j >= 0)).toHaveLength(size);
    expect(new Set(match.filter((j) => j >= 0)).size).toBe(size);
    match.forEach((j, i) => {
      if (j >= 0) expect(edges[i]).toContain(j);
    });
  });
});
