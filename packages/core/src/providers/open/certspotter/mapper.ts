/**
 * Cert Spotter API v1 issuances (`/v1/issuances?domain=<d>&include_subdomains=true&expand=dns_names&expand=issuer`:
 * a JSON array of unexpired issuances) into certificates. No SHA-1 is given (`sha1` is empty); the certificate's
 * SHA-256 is kept as `fingerprint` (colon-separated, lower case) and identifies it.
 */
import { parseApiDate } from '../../../model/dates';
import type { Certificate, RecordPage } from '../../../model/intel-model';
import { fail, ok, type Result } from '../../../result';
import { asArray, asObject, asText, asTextList, defined, type JsonObject } from '../../passivetotal/json-reader';
import type { UpstreamReport } from '../common';
import { certificateNames, distinct, normalHost, parseDistinguishedName } from '../common';

const PROVIDER = 'certspotter';

/** A hex digest as a colon-separated lower-case fingerprint (`ab:cd:...`); undefined when not hex. */
function fingerprint(v: unknown): string | undefined {
    const hex = asText(v)?.toLowerCase();
    if (hex === undefined || !/^[0-9a-f]+$/.test(hex) || hex.length % 2 !== 0) return undefined;
    return (hex.match(/../g) ?? []).join(':');
}

function certificate(o: JsonObject): Certificate {
    const issuer = asObject(o['issuer']);
    const issuerEntity = parseDistinguishedName(asText(issuer?.['name']) ?? '');
    const friendly = asText(issuer?.['friendly_name']);
    return defined({
        sha1: '',
        fingerprint: fingerprint(o['cert_sha256']),
        issued: parseApiDate(o['not_before']),
        expires: parseApiDate(o['not_after']),
        subject: {},
        issuer:
            issuerEntity.organizationName === undefined && friendly !== undefined
                ? { ...issuerEntity, organizationName: friendly }
                : issuerEntity,
        subjectAlternativeNames: distinct(asTextList(o['dns_names']).map((n) => n.toLowerCase())),
        provider: PROVIDER,
    });
}

/**
 * A Cert Spotter issuances answer as the certificates naming `name` (a DNS name equal to it or below it), one
 * record per certificate (`cert_sha256`; a precertificate and its certificate share the TBS hash and are one).
 *
 * @example mapCertSpotter([{ id: '17390000001', cert_sha256: 'cd…', dns_names: ['example.com'], issuer: { name: 'C=US, O=Example Trust, CN=Example CA R1' }, ... }], 'example.com')
 * // { ok: true, value: { records: [{ sha1: '', fingerprint: 'cd:…', subjectAlternativeNames: ['example.com'], provider: 'certspotter', ... }], total: 1 } }
 */
export function mapCertSpotter(json: unknown, name: string): Result<RecordPage<Certificate>> {
    if (!Array.isArray(json)) {
        return fail(
            'the Cert Spotter answer is not a JSON array',
            'a JSON array of issuances, as Cert Spotter answers'
        );
    }
    const seen = new Set<string>();
    const host = normalHost(name);
    const records = asArray(json).flatMap((r): Certificate[] => {
        const o = asObject(r);
        if (!o) return [];
        const k = asText(o['tbs_sha256']) ?? asText(o['cert_sha256']) ?? asText(o['id']) ?? JSON.stringify(o);
        if (seen.has(k)) return [];
        seen.add(k);
        const c = certificate(o);
        return certificateNames(c, host) ? [c] : [];
    });
    return ok({ records, total: records.length });
}

/**
 * An error Cert Spotter reported in a body (`{"code": "rate_limited", "message": ...}`) by its stable `code`:
 * `rate_limited` is `quota`, anything else (`api_discontinued`...) `upstream`.
 *
 * @example certSpotterReportedError({ code: 'rate_limited', message: 'You have exceeded the domain search rate limit' }).kind // 'quota'
 */
export function certSpotterReportedError(json: unknown): UpstreamReport | undefined {
    const o = asObject(json);
    const code = asText(o?.['code']);
    if (code === undefined) return undefined;
    const reason = `Cert Spotter: ${asText(o?.['message']) ?? code}`;
    return { kind: code === 'rate_limited' ? 'quota' : 'upstream', reason };
}
