/**
 * The investigation's export files: JSON (the whole document), a zip of CSV files (one per dataset of every tab, the
 * trail, related values, pins and notes) and a STIX 2.1 bundle, each with its content type and file name.
 */
import { csvArchive, exportBaseName } from './csv-archive';
import type { InvestigationDocument } from './investigation-document';
import { stixBundle } from './stix';

/** A file to hand to the browser. */
export interface ExportFile {
    readonly name: string;
    readonly type: string;
    readonly data: string | Uint8Array;
}

/** The whole document as JSON (`application/json`). */
export function jsonExport(doc: InvestigationDocument): ExportFile {
    return {
        name: `${exportBaseName(doc)}.json`,
        type: 'application/json',
        data: `${JSON.stringify(doc, null, 2)}\n`,
    };
}

/** Every tab's records as CSV files in one zip archive (`application/zip`). */
export async function csvZipExport(doc: InvestigationDocument): Promise<ExportFile> {
    return { name: `${exportBaseName(doc)}-csv.zip`, type: 'application/zip', data: await csvArchive(doc) };
}

/** A STIX 2.1 bundle (`application/stix+json;version=2.1`, the media type of STIX 2.1). */
export function stixExport(doc: InvestigationDocument): ExportFile {
    return {
        name: `${exportBaseName(doc)}.stix.json`,
        type: 'application/stix+json;version=2.1',
        data: `${JSON.stringify(stixBundle(doc), null, 2)}\n`,
    };
}

/** Saves a file through a temporary object URL (the browser's download). */
export function saveExport(file: ExportFile): void {
    const part: BlobPart = typeof file.data === 'string' ? file.data : new Uint8Array(file.data);
    const url = URL.createObjectURL(new Blob([part], { type: file.type }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = file.name;
    anchor.rel = 'noopener';
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
}
