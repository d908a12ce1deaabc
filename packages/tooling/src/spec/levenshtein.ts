/**
 * Edit distance with adjacent transpositions (optimal string alignment): `lable` → `label` is 1.
 *
 * @example
 * editDistance('lable', 'label') // → 1
 */
export function editDistance(a: string, b: string): number {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d: number[][] = Array.from({ length: rows }, (_, i) =>
        Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
    );
    const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
    for (let i = 1; i < rows; i++) {
        const row = d[i];
        if (!row) continue;
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                best = Math.min(best, at(i - 2, j - 2) + 1);
            }
            row[j] = best;
        }
    }
    return at(a.length, b.length);
}

/**
 * The closest candidate within `maxDistance` edits (default 2, and less than half the word's length so
 * that short words do not get unrelated suggestions); ties go to the first candidate.
 *
 * @example
 * closestMatch('lable', ['label', 'is_visible']) // → 'label'
 */
export function closestMatch(word: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
    const limit = Math.min(maxDistance, Math.ceil(word.length / 2) - 1);
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        if (candidate === word) continue;
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
    }
    return best?.candidate;
}
