/**
 * The demo's threat story, in one place: the indicators the PassiveTotal demo fixtures
 * (`packages/devserver/demo/pt-fixtures/`) describe and the ones the generated local events contain. Every name
 * is a reserved example name (`.example`, `.test`) and every address is from a documentation range
 * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, private 10.0.0.0/8). See demo/README.md.
 */

/** The story's indicators. */
export const DEMO_STORY = Object.freeze({
    /** The domain a threat-intel report names. PassiveTotal knows it well; local events never mention it. */
    phishingDomain: 'login-secure-update.example',
    /** Its current A record; internal hosts reached it through the proxy (and one laptop directly). */
    iocIp: '203.0.113.77',
    /** Its AAAA record. */
    iocIpv6: '2001:db8:4d2::77',
    /** Earlier A records of the phishing domain (registrar parking, then a VPS); not in local events. */
    earlierIps: Object.freeze(['192.0.2.146', '198.51.100.23']),
    /**
     * A CDN address the phishing domain sat behind for a week. Tens of thousands of names share it and employees
     * read news sites on it all day: a pivot with many local sightings that means nothing (shared hosting).
     */
    sharedCdnIp: '198.51.100.10',
    /** The sibling site on the same IP and certificate that employees actually visited. */
    visitedSibling: 'docs-share-portal.example',
    /** The sender domain of the phishing e-mails employees received (same registrant). */
    senderDomain: 'mailbox-quota-alert.test',
    senderAddress: 'it-helpdesk@mailbox-quota-alert.test',
    /** The phishing e-mails' sending address. */
    senderIp: '192.0.2.211',
    /** Every domain the registrant e-mail registered (WHOIS search by e-mail). */
    registrantEmail: 'j.harlow.registrant@freemail.test',
    registrantDomains: Object.freeze([
        'login-secure-update.example',
        'docs-share-portal.example',
        'account-verify-portal.example',
        'mailbox-quota-alert.test',
        'secure-payroll-update.test',
    ]),
    nameServers: Object.freeze(['ns1.bulletdns.test', 'ns2.bulletdns.test']),
    /** Google Analytics ids shared by the phishing domain and secure-payroll-update.test. */
    trackerId: 'UA-48213377-1',
    trackerAccount: 'UA-48213377',
    /** The certificate employees' TLS sessions to 203.0.113.77 presented (SANs include the phishing domain). */
    sharedCertificateSha1: '05005010a96416bdbb9af136b1fe34b5a1496b8a',
    /** The phishing domain's earlier certificate (on 198.51.100.23). */
    earlierCertificateSha1: 'a7bd444fa9574d2acb0747030bf6a15966e58cb2',
    /** The path of the lure link (on the bare IP) in the phishing e-mails. */
    lurePath: '/s/8f3k2',
    /** The company. */
    companyDomain: 'northwind.example',
    /** The company's public (NAT) address. */
    companyPublicIp: '198.51.100.200',
});

/** The indexes the demo events use (the default `passivetotal_index`, `index=*`, covers them). */
export const DEMO_INDEXES = Object.freeze(['proxy', 'dns', 'firewall', 'netfw', 'email', 'zeek']);
