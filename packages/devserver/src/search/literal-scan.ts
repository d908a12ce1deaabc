/**
 * The required-literal pre-check of many regular expressions at once. A search such as
 * `eval x=mvappend(if(match(_raw, "p1"), "0", null()), …)` tests thousands of patterns against
 * the same text; instead of looking each pattern's literals up in the text one by one, every
 * literal of every pattern is found in one pass over the text (an Aho–Corasick automaton), and each
 * pattern then only reads whether its literals were seen.
 */
import { lowerOf, type SplRegex } from './pcre-regex';

// Called through a local name: under the CommonJS transform the stand-in runs with, each call of an
// imported function first reads a module property, and the pre-check runs millions of times.
const lowerText = lowerOf;

/** Finds which of many literals occur in a text, in one pass over the text. */
class LiteralScanner {
    private readonly ids = new Map<string, number>();
    private built = false;
    // The automaton: transitions by code unit, failure links, and the literals ending at each state.
    private next: Map<number, number>[] = [];
    private fail: number[] = [];
    private output: number[][] = [];
    // seen[id] === generation when literal `id` occurs in the last text scanned.
    private seen = new Uint32Array(0);
    private generation = 0;
    private lastText: string | undefined;

    /** The id of a literal, adding it when new. */
    idOf(literal: string): number {
        let id = this.ids.get(literal);
        if (id === undefined) {
            id = this.ids.size;
            this.ids.set(literal, id);
            this.built = false;
        }
        return id;
    }

    /** Scans `text` (unless it was the last text scanned) so that {@link has} answers for it. */
    scan(text: string): void {
        if (!this.built) this.build();
        else if (text === this.lastText) return;
        this.lastText = text;
        if (this.generation === 0xffffffff) {
            this.seen.fill(0);
            this.generation = 0;
        }
        const generation = ++this.generation;
        let state = 0;
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            let to = this.next[state]?.get(c);
            while (to === undefined && state !== 0) {
                state = this.fail[state] ?? 0;
                to = this.next[state]?.get(c);
            }
            state = to ?? 0;
            for (const id of this.output[state] ?? []) this.seen[id] = generation;
        }
    }

    /** Does the last scanned text contain literal `id`? */
    has(id: number): boolean {
        return this.seen[id] === this.generation;
    }

    private build(): void {
        const next: Map<number, number>[] = [new Map<number, number>()];
        const output: number[][] = [[]];
        for (const [literal, id] of this.ids) {
            let state = 0;
            for (let i = 0; i < literal.length; i++) {
                const c = literal.charCodeAt(i);
                const map = next[state] ?? new Map<number, number>();
                let to = map.get(c);
                if (to === undefined) {
                    to = next.length;
                    map.set(c, to);
                    next.push(new Map<number, number>());
                    output.push([]);
                }
                state = to;
            }
            output[state]?.push(id);
        }
        // Breadth-first failure links; each state also reports what its failure state reports.
        const fail = new Array<number>(next.length).fill(0);
        const queue: number[] = [...(next[0]?.values() ?? [])];
        for (let head = 0; head < queue.length; head++) {
            const state = queue[head] ?? 0;
            for (const [c, to] of next[state] ?? new Map<number, number>()) {
                let f = fail[state] ?? 0;
                while (f !== 0 && next[f]?.get(c) === undefined) f = fail[f] ?? 0;
                const target = next[f]?.get(c);
                fail[to] = target !== undefined && target !== to ? target : 0;
                output[to]?.push(...(output[fail[to] ?? 0] ?? []));
                queue.push(to);
            }
        }
        this.next = next;
        this.fail = fail;
        this.output = output;
        this.seen = new Uint32Array(this.ids.size);
        this.generation = 0;
        this.lastText = undefined;
        this.built = true;
    }
}

/** The shared pre-check of the regexes of one command (see the module comment). */
export class RegexPrefilter {
    private readonly exact = new LiteralScanner();
    private readonly folded = new LiteralScanner();

    /**
     * A pre-check for `re` sharing one scan of each text with every other regex registered here:
     * false when the text certainly has no match.
     */
    register(re: SplRegex): (text: string) => boolean {
        if (re.requiredLiterals.length === 0) return () => true;
        const fold = re.regex.ignoreCase;
        const scanner = fold ? this.folded : this.exact;
        const ids = re.requiredLiterals.map((literal) => scanner.idOf(literal));
        const [only] = ids;
        if (ids.length === 1 && only !== undefined) {
            return (text) => {
                scanner.scan(fold ? lowerText(text) : text);
                return scanner.has(only);
            };
        }
        return (text) => {
            scanner.scan(fold ? lowerText(text) : text);
            return ids.some((id) => scanner.has(id));
        };
    }
}
