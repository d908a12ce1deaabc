/** A `status` answer of the app's endpoint (shape of bin/passivetotal_app/service.py) for the page's tests. */

/** One provider of the `status` answer: enabled, needing no key, ready; `more` overrides any of it. */
export const providerStatus = (id: string, label: string, datasets: string[], more: Record<string, unknown> = {}) => ({
    id,
    label,
    enabled: true,
    key: 'none',
    keyStored: false,
    configured: true,
    ready: true,
    datasets,
    operations: [],
    note: '',
    ...more,
});

/**
 * An administrator's status without a PassiveTotal credential: every open provider ready except CIRCL (no key)
 * and URLhaus (turned off); the shipped order.
 */
export const STATUS_WITHOUT_PT = {
    version: '2.0.0',
    user: 'admin',
    capabilities: { query: true, admin: true },
    configured: false,
    username: null,
    baseUrl: 'https://api.passivetotal.org/v2',
    providers: [
        providerStatus('rdap', 'RDAP', ['whois']),
        providerStatus('crtsh', 'crt.sh', ['certificates']),
        providerStatus('certspotter', 'Cert Spotter', ['certificates'], { key: 'optional' }),
        providerStatus('mnemonic', 'mnemonic PassiveDNS', ['resolutions'], { key: 'optional' }),
        providerStatus('otx', 'AlienVault OTX', ['resolutions', 'reputation'], { key: 'required', keyStored: true }),
        providerStatus('circl', 'CIRCL Passive DNS', ['resolutions'], {
            key: 'required',
            configured: false,
            ready: false,
        }),
        providerStatus('urlhaus', 'URLhaus', ['reputation'], {
            key: 'required',
            keyStored: true,
            enabled: false,
            ready: false,
        }),
        providerStatus('threatfox', 'ThreatFox', ['reputation'], { key: 'required', keyStored: true }),
        providerStatus('internetdb', 'Shodan InternetDB', ['host_attributes']),
    ],
    datasetOrder: {
        whois: ['rdap'],
        certificates: ['passivetotal', 'crtsh', 'certspotter'],
        resolutions: ['passivetotal', 'mnemonic', 'otx', 'circl'],
        reputation: ['passivetotal', 'otx', 'urlhaus', 'threatfox'],
        host_attributes: ['passivetotal', 'internetdb'],
    },
};
