import { memo } from 'react';
import styled from 'styled-components';
import type { Indicator } from '@passivetotal/core';
import { variables } from '@splunk/themes';

/** One piece of a text: matched by a term or not. */
export interface TextPiece {
    readonly text: string;
    readonly hit: boolean;
}

/**
 * Splits a text into pieces at every case-insensitive occurrence of any term (the longest term wins where two
 * start at the same place). Plain string search, no regular expressions built from data.
 *
 * @example splitHighlights('GET http://Evil.example/x', ['evil.example']) // [{ text: 'GET http://', hit: false }, { text: 'Evil.example', hit: true }, { text: '/x', hit: false }]
 */
export function splitHighlights(text: string, terms: readonly string[]): readonly TextPiece[] {
    const needles = [...new Set(terms.map((t) => t.toLowerCase()).filter((t) => t !== ''))].sort(
        (a, b) => b.length - a.length
    );
    if (needles.length === 0) return [{ text, hit: false }];
    const lower = text.toLowerCase();
    const pieces: TextPiece[] = [];
    let from = 0;
    while (from < text.length) {
        let at = -1;
        let length = 0;
        for (const needle of needles) {
            const i = lower.indexOf(needle, from);
            if (i !== -1 && (at === -1 || i < at)) {
                at = i;
                length = needle.length;
            }
        }
        if (at === -1) break;
        if (at > from) pieces.push({ text: text.slice(from, at), hit: false });
        pieces.push({ text: text.slice(at, at + length), hit: true });
        from = at + length;
    }
    if (from < text.length) pieces.push({ text: text.slice(from), hit: false });
    return pieces;
}

/** The strings that stand for an indicator in raw events: its value, its display form, a URL's host. */
export function highlightTerms(indicator: Indicator): readonly string[] {
    const terms = [indicator.value, indicator.display];
    if (indicator.type === 'url') terms.push(indicator.host.value);
    return terms;
}

const Mark = styled.mark`
    background-color: ${variables.statusColorMediumWeak};
    color: ${variables.contentColorActive};
    font-weight: ${variables.fontWeightBold};
    border-radius: 2px;
`;

export interface HighlightedTextProps {
    readonly text: string;
    readonly terms: readonly string[];
}

/** Text with the terms marked (`<mark>` elements; the text is never parsed as HTML). */
export const HighlightedText = memo(function HighlightedText({ text, terms }: HighlightedTextProps) {
    return (
        <>
            {splitHighlights(text, terms).map((piece, i) =>
                piece.hit ? <Mark key={i}>{piece.text}</Mark> : <span key={i}>{piece.text}</span>
            )}
        </>
    );
});
