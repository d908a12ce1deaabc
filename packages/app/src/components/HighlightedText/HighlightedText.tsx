import { memo } from 'react';
import styled from 'styled-components';
import type { TextMatch } from '@passivetotal/core';
import { variables } from '@splunk/themes';

/** One piece of a text: matched or not. */
export interface TextPiece {
    readonly text: string;
    readonly hit: boolean;
}

/**
 * Splits a text at the given matches (sorted, non-overlapping ranges such as core's `findInText` returns); ranges
 * outside the text or overlapping an earlier one are ignored.
 *
 * @example piecesOf('GET http://Evil.example/x', [{ start: 11, end: 23 }]) // [{ text: 'GET http://', hit: false }, { text: 'Evil.example', hit: true }, { text: '/x', hit: false }]
 */
export function piecesOf(text: string, matches: readonly TextMatch[]): readonly TextPiece[] {
    const pieces: TextPiece[] = [];
    let at = 0;
    for (const m of matches) {
        if (m.start < at || m.end > text.length || m.end <= m.start) continue;
        if (m.start > at) pieces.push({ text: text.slice(at, m.start), hit: false });
        pieces.push({ text: text.slice(m.start, m.end), hit: true });
        at = m.end;
    }
    if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at), hit: false });
    return pieces;
}

const Mark = styled.mark`
    background-color: ${variables.statusColorMediumWeak};
    color: ${variables.contentColorActive};
    font-weight: ${variables.fontWeightBold};
    border-radius: 2px;
`;

export interface HighlightedTextProps {
    readonly text: string;
    /** Where the indicator occurs in `text` (by the matching rule). */
    readonly matches: readonly TextMatch[];
}

/** Text with the matches marked in place (`<mark>` elements inside the text; never parsed as HTML). */
export const HighlightedText = memo(function HighlightedText({ text, matches }: HighlightedTextProps) {
    return (
        <>
            {piecesOf(text, matches).map((piece, i) =>
                piece.hit ? <Mark key={i}>{piece.text}</Mark> : <span key={i}>{piece.text}</span>
            )}
        </>
    );
});
