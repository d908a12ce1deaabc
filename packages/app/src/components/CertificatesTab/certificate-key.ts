/** How the Certificates tab tells certificates apart, with or without a SHA-1. */
import type { Certificate } from '@passivetotal/core';

/**
 * The key of a certificate for selecting it: its SHA-1; for a Certificate Transparency record (no SHA-1) its
 * fingerprint (Cert Spotter's SHA-256), else issuer and serial number (crt.sh), else what is left.
 *
 * @example certificateKey({ sha1: '', fingerprint: '8E:C7:…', ... }) // 'fp:8e:c7:…'
 */
export function certificateKey(c: Certificate): string {
    if (c.sha1 !== '') return c.sha1;
    if (c.fingerprint !== undefined && c.fingerprint !== '') return `fp:${c.fingerprint.toLowerCase()}`;
    if (c.serialNumber !== undefined && c.serialNumber !== '') {
        return `serial:${c.issuer.commonName ?? c.issuer.organizationName ?? ''}:${c.serialNumber}`;
    }
    const names = c.subjectAlternativeNames.join(',');
    return `cert:${c.provider ?? ''}:${c.subject.commonName ?? ''}:${c.issued ?? ''}:${names}`;
}

/**
 * How a certificate is named to people: its SHA-1, else its SHA-256 fingerprint or serial number.
 *
 * @example certificateName({ sha1: '', serialNumber: '4062…', ... }) // 'serial number 4062…'
 */
export function certificateName(c: Certificate): string {
    if (c.sha1 !== '') return c.sha1;
    if (c.fingerprint !== undefined && c.fingerprint !== '') return `SHA-256 ${c.fingerprint}`;
    if (c.serialNumber !== undefined && c.serialNumber !== '') return `serial number ${c.serialNumber}`;
    return c.subject.commonName ?? c.subjectAlternativeNames[0] ?? 'without an identifier';
}
