/** Maximum-cardinality bipartite matching (augmenting paths, Kuhn); branch counts are small. */
/**
 * @param edges edges[i] lists the right-hand vertices left vertex i may be matched with.
 * @returns match[i] = the right vertex matched to left vertex i, or -1.
 */
export function maximumMatching(edges, rightCount) {
    const owner = new Array(rightCount).fill(-1);
    const augment = (left, seen) => {
        for (const right of edges[left] ?? []) {
            if (seen[right])
                continue;
            seen[right] = true;
            const current = owner[right] ?? -1;
            if (current === -1 || augment(current, seen)) {
                owner[right] = left;
                return true;
            }
        }
        return false;
    };
    for (let left = 0; left < edges.length; left++)
        augment(left, new Array(rightCount).fill(false));
    const match = new Array(edges.length).fill(-1);
    owner.forEach((left, right) => {
        if (left >= 0)
            match[left] = right;
    });
    return match;
}
