import { useState } from 'react';
import styled from 'styled-components';
import Button from '@splunk/react-ui/Button';
import { variables } from '@splunk/themes';
import { csvZipExport, jsonExport, saveExport, stixExport, type ExportFile } from '../../case/exports';
import type { InvestigationDocument } from '../../case/investigation-document';
import { caseTestIds } from '../../selectors';

const Row = styled.div`
    display: flex;
    flex-wrap: wrap;
    gap: ${variables.spacingSmall};
    align-items: center;
`;

const Failure = styled.span`
    color: ${variables.alertColor};
`;

export interface ExportMenuProps {
    /** The document as it is at the moment of the click. */
    readonly document: () => InvestigationDocument | undefined;
    /** What is exported, for the buttons' labels: "investigation" or "case". */
    readonly what: string;
    /** Saves a file (the browser's download by default). */
    readonly onSave?: (file: ExportFile) => void;
}

/**
 * The investigation's (or case's) exports: JSON with every tab's records, the pins, sightings and trail; a zip of
 * CSV files, one per tab's dataset; and a STIX 2.1 bundle for a threat-intelligence platform or case tool.
 */
export function ExportMenu({ document, what, onSave = saveExport }: ExportMenuProps) {
    const [error, setError] = useState<string>();
    const run = (make: (doc: InvestigationDocument) => ExportFile | Promise<ExportFile>) => {
        const doc = document();
        if (!doc) return;
        setError(undefined);
        Promise.resolve()
            .then(() => make(doc))
            .then(onSave)
            .catch((e: unknown) => setError(`The export failed: ${e instanceof Error ? e.message : String(e)}`));
    };
    return (
        <Row>
            <Button
                appearance="secondary"
                label={`Export ${what} (JSON)`}
                data-test={caseTestIds.exportJson}
                onClick={() => run(jsonExport)}
            />
            <Button
                appearance="secondary"
                label="CSV per tab (zip)"
                data-test={caseTestIds.exportCsv}
                onClick={() => run(csvZipExport)}
            />
            <Button
                appearance="secondary"
                label="STIX 2.1"
                data-test={caseTestIds.exportStix}
                onClick={() => run(stixExport)}
            />
            {error ? <Failure role="alert">{error}</Failure> : null}
        </Row>
    );
}
