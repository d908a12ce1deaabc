/**
 * Shodan InternetDB answers (`{ip, ports, hostnames, cpes, tags, vulns}`; `{"detail": "No information available"}`
 * for an address it has nothing on) into the host attributes of an address: open ports as services, and the CPEs,
 * tags, vulnerabilities and host names as components, told apart by `category`. Free for non-commercial use only.
 */
import type { Component, HostService, RecordPage } from '../../../model/intel-model';
import { fail, ok, type Result } from '../../../result';
import { asArray, asNumber, asObject, asText, asTextList, defined } from '../../passivetotal/json-reader';
import { distinct, normalHost } from '../common';

const PROVIDER = 'internetdb';

/** The `category` of each kind of InternetDB component. */
export const INTERNETDB_CATEGORIES = {
    application: 'Application (CPE)',
    operatingSystem: 'Operating system (CPE)',
    hardware: 'Hardware (CPE)',
    tag: 'Shodan tag',
    vulnerability: 'Vulnerability',
    hostname: 'Host name',
} as const;

/** What InternetDB knows of an address (every list empty when it has nothing). */
export interface InternetDbHost {
    readonly ip: string;
    readonly ports: readonly number[];
    readonly hostnames: readonly string[];
    readonly cpes: readonly string[];
    readonly tags: readonly string[];
    readonly vulns: readonly string[];
}

const EXPECTED = 'a JSON object {ip, ports, hostnames, cpes, tags, vulns}, as Shodan InternetDB answers';

/**
 * Reads an InternetDB answer; the "No information available" body (its 404) is an address with empty lists.
 *
 * @example readInternetDb({ detail: 'No information available' }, '192.0.2.1') // { ok: true, value: { ip: '192.0.2.1', ports: [], hostnames: [], cpes: [], tags: [], vulns: [] } }
 */
export function readInternetDb(json: unknown, query: string): Result<InternetDbHost> {
    const o = asObject(json);
    if (!o) return fail('the InternetDB answer is not a JSON object', EXPECTED);
    const ports = [
        ...new Set(
            asArray(o['ports']).flatMap((p) => {
                const n = asNumber(p);
                return n === undefined || !Number.isInteger(n) || n < 0 || n > 65535 ? [] : [n];
            })
        ),
    ].sort((a, b) => a - b);
    return ok({
        ip: asText(o['ip'])?.toLowerCase() ?? query,
        ports,
        hostnames: distinct(asTextList(o['hostnames']).map(normalHost)),
        cpes: distinct(asTextList(o['cpes'])),
        tags: distinct(asTextList(o['tags'])),
        vulns: distinct(asTextList(o['vulns']).map((v) => v.toUpperCase())),
    });
}

/**
 * A CPE (2.2 URI `cpe:/a:vendor:product:version` or 2.3 `cpe:2.3:a:vendor:product:version:...`) as a component:
 * `vendor product` (underscores as spaces), its version when given, and the category of its part (a, o, h).
 *
 * @example cpeComponent('cpe:/a:microsoft:internet_information_services:10.0', '192.0.2.1') // { host: '192.0.2.1', label: 'microsoft internet information services', category: 'Application (CPE)', version: '10.0', provider: 'internetdb' }
 */
export function cpeComponent(cpe: string, host: string): Component {
    const fields = cpe.replace(/^cpe:(?:2\.3:|\/)/i, '').split(':');
    const [part = '', vendor = '', product = '', version = ''] = fields;
    const words = (s: string) => s.replace(/\\(.)/g, '$1').replace(/_/g, ' ').trim();
    const label = distinct([words(vendor), words(product)].filter((w) => w !== '' && w !== '*')).join(' ');
    const category =
        part === 'o'
            ? INTERNETDB_CATEGORIES.operatingSystem
            : part === 'h'
              ? INTERNETDB_CATEGORIES.hardware
              : INTERNETDB_CATEGORIES.application;
    return defined({
        host,
        label: label === '' ? cpe : label,
        category,
        version: version === '' || version === '*' || version === '-' ? undefined : words(version),
        provider: PROVIDER,
    });
}

/**
 * An InternetDB answer as components of the address: CPEs, then Shodan tags (`self-signed`, `eol-os`), known
 * vulnerabilities (CVE ids) and reverse host names, each with its {@link INTERNETDB_CATEGORIES} category.
 *
 * @example mapInternetDbComponents({ ip: '192.0.2.1', ports: [443], hostnames: [], cpes: [], tags: ['cdn'], vulns: [] }, '192.0.2.1') // { ok: true, value: { records: [{ host: '192.0.2.1', label: 'cdn', category: 'Shodan tag', provider: 'internetdb' }], total: 1 } }
 */
export function mapInternetDbComponents(json: unknown, query: string): Result<RecordPage<Component>> {
    const r = readInternetDb(json, query);
    if (!r.ok) return r;
    const h = r.value;
    const simple = (label: string, category: string): Component => ({
        host: h.ip,
        label,
        category,
        provider: PROVIDER,
    });
    const records = [
        ...h.cpes.map((c) => cpeComponent(c, h.ip)),
        ...h.tags.map((t) => simple(t, INTERNETDB_CATEGORIES.tag)),
        ...h.vulns.map((v) => simple(v, INTERNETDB_CATEGORIES.vulnerability)),
        ...h.hostnames.map((n) => simple(n, INTERNETDB_CATEGORIES.hostname)),
    ];
    return ok({ records, total: records.length });
}

/**
 * An InternetDB answer as the open ports of the address. InternetDB gives neither the transport protocol nor a
 * banner, so `protocol` is `unknown`, `status` `open` and the lists empty.
 *
 * @example mapInternetDbServices({ ip: '192.0.2.1', ports: [443, 80] }, '192.0.2.1') // { ok: true, value: { records: [{ port: 80, protocol: 'unknown', status: 'open', banners: [], currentServices: [], provider: 'internetdb' }, { port: 443, ... }], total: 2 } }
 */
export function mapInternetDbServices(json: unknown, query: string): Result<RecordPage<HostService>> {
    const r = readInternetDb(json, query);
    if (!r.ok) return r;
    const records = r.value.ports.map((port): HostService => ({
        port,
        protocol: 'unknown',
        status: 'open',
        banners: [],
        currentServices: [],
        provider: PROVIDER,
    }));
    return ok({ records, total: records.length });
}
