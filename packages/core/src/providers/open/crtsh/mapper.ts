/**
 * crt.sh identity search answers (`?q=<name>&output=json`: a JSON array of rows) into certificates. Rows carry no
 * SHA-1 (`sha1` is empty), the serial in hex (converted to decimal as PassiveTotal gave it), the issuer DN, the
 * subject CN and, in `name_value`, only the identities of the certificate that matched the query.
 */
import { parseApiDate } from '../../../model/dates';
import type { Certificate, RecordPage } from '../../../model/intel-model';
import { fail, ok, type Result } from '../../../result';
import { asArray, asNumber, asObject, asText, defined, type JsonObject } from '../../passivetotal/json-reader';
import { certificateNames, distinct, hexSerialToDecimal, normalHost, parseDistinguishedName } from '../common';

const PROVIDER = 'crtsh';

/**
 * crt.sh's hard limit on the identity rows of one search; the JSON output is cut there silently, so an answer
 * folding this many rows is flagged `truncated` (its total unknown).
 */
export const CRTSH_RESULT_LIMIT = 10_000;

function certificate(row: JsonObject): Certificate {
    const serialHex = asText(row['serial_number']);
    const names = (asText(row['name_value']) ?? '')
        .split(/\r?\n/)
        .map((n) => n.trim().toLowerCase())
        .filter((n) => n !== '');
    const commonName = asText(row['common_name']);
    return defined({
        sha1: '',
        serialNumber: serialHex === undefined ? undefined : hexSerialToDecimal(serialHex),
        issued: parseApiDate(row['not_before']),
        expires: parseApiDate(row['not_after']),
        subject: defined({ commonName: commonName?.toLowerCase() }),
        issuer: parseDistinguishedName(asText(row['issuer_name']) ?? ''),
        subjectAlternativeNames: distinct(names),
        provider: PROVIDER,
    });
}

/** Rows of one certificate share issuer and serial (a precertificate and its certificate, or a repeated identity). */
function key(c: Certificate, row: JsonObject): string {
    return c.serialNumber === undefined
        ? `id:${asText(row['id']) ?? JSON.stringify(row)}`
        : `${asText(row['issuer_ca_id']) ?? c.issuer.commonName ?? ''}|${c.serialNumber}`;
}

/**
 * A crt.sh JSON answer as the certificates naming `name` (CN or a matching identity equal to it or below it; crt.sh
 * also matches substrings such as `notevil.example`, which are dropped). Rows of the same certificate are one
 * record with their names merged. When the rows fold {@link CRTSH_RESULT_LIMIT} identities the page is `truncated`.
 *
 * @example mapCrtsh([{ issuer_name: 'C=US, O=Example Trust, CN=Example CA R1', common_name: 'www.example.com', name_value: 'example.com\nwww.example.com', serial_number: '04a1', ... }], 'example.com')
 * // { ok: true, value: { records: [{ sha1: '', serialNumber: '1185', subjectAlternativeNames: ['example.com', 'www.example.com'], provider: 'crtsh', ... }], total: 1 } }
 */
export function mapCrtsh(json: unknown, name: string): Result<RecordPage<Certificate>> {
    if (!Array.isArray(json)) {
        return fail('the crt.sh answer is not a JSON array', 'a JSON array of certificate rows, as crt.sh answers');
    }
    const byKey = new Map<string, Certificate>();
    let identities = 0;
    for (const r of asArray(json)) {
        const row = asObject(r);
        if (!row) continue;
        identities += Math.max(1, asNumber(row['result_count']) ?? 1);
        const c = certificate(row);
        const k = key(c, row);
        const seen = byKey.get(k);
        byKey.set(
            k,
            seen
                ? {
                      ...seen,
                      subjectAlternativeNames: distinct([
                          ...seen.subjectAlternativeNames,
                          ...c.subjectAlternativeNames,
                      ]),
                  }
                : c
        );
    }
    const host = normalHost(name);
    const records = [...byKey.values()].filter((c) => certificateNames(c, host));
    const truncated = identities >= CRTSH_RESULT_LIMIT || json.length >= CRTSH_RESULT_LIMIT;
    return ok(truncated ? { records, total: records.length, truncated } : { records, total: records.length });
}
