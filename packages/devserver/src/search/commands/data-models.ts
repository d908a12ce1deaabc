/**
 * The CIM data models `tstats ... from datamodel=` can read, and which events belong to them.
 *
 * An event belongs to a dataset by its `tag` field when it has one (the CIM constraints, e.g.
 * `tag=web`; `tag=network tag=communicate`), and otherwise by the fields it has:
 *
 * | dataset | tags (when the event has `tag`) | fields (otherwise) |
 * |---|---|---|
 * | `Email.All_Email` | email | `recipient` or `src_user` |
 * | `Certificates.All_Certificates` (and `.SSL`) | certificate | any `ssl_*` field |
 * | `Network_Resolution.DNS` | network, resolution, dns | `query` |
 * | `Web.Web` | web | `url` (and not Email) |
 * | `Web.Proxy` | web, proxy | as `Web.Web`, and the sourcetype contains `proxy` |
 * | `Intrusion_Detection.IDS_Attacks` | ids, attack | `signature` and `ids_type` |
 * | `Network_Traffic.All_Traffic` | network, communicate | `src` and `dest`, and none of the above |
 *
 * Dataset fields are the event's fields of the same CIM name, prefixed with the dataset path
 * (`Web.url`, `All_Traffic.dest_port`, `DNS.query`, `All_Email.recipient`,
 * `All_Certificates.src`, `All_Certificates.SSL.ssl_hash`, `IDS_Attacks.signature`); `_time`,
 * `index`, `sourcetype`, `host` and `source` are available unprefixed.
 */
import { valuesOf, type FieldValue } from '../field-value';
import type { StoredEvent } from '../stored-event';

/** One dataset of a data model that `from datamodel=` can name. */
export interface DatasetDefinition {
    /** Data model name, e.g. `Web`. */
    readonly model: string;
    /** Dataset name, e.g. `Web` or `Proxy`. */
    readonly dataset: string;
    /** Does the event belong to this dataset? */
    readonly includes: (event: StoredEvent) => boolean;
    /** Output field name (prefixed) to CIM field name on the event. */
    readonly fields: ReadonlyMap<string, string>;
}

const WEB_FIELDS =
    'action app bytes bytes_in bytes_out cached category cookie dest dest_port duration error_code http_content_type http_method http_referrer http_referrer_domain http_user_agent http_user_agent_length operation response_time site src src_port status storage_name uri_path uri_query url url_domain url_length user vendor_product';
const TRAFFIC_FIELDS =
    'action app bytes bytes_in bytes_out channel dest dest_interface dest_ip dest_mac dest_port dest_translated_ip dest_translated_port dest_zone direction duration dvc dvc_ip flow_id icmp_code icmp_type packets packets_in packets_out protocol protocol_version response_time rule session_id src src_interface src_ip src_mac src_port src_translated_ip src_translated_port src_zone ssid tcp_flag transport user vendor_product vlan';
const DNS_FIELDS =
    'additional_answer_count answer answer_count authority_answer_count dest dest_port duration message_type name query query_count query_type record_type reply_code reply_code_id response_time src src_port transaction_id transport ttl vendor_product';
const EMAIL_FIELDS =
    'action delay dest duration file_hash file_name file_size internal_message_id message_id message_info orig_dest orig_recipient orig_src process process_id protocol recipient recipient_count recipient_status response_time retries return_addr size src src_user status_code subject url user vendor_product xdelay xref';
const CERT_FIELDS = 'dest dest_port duration response_time src src_port transport';
const IDS_FIELDS =
    'action category dest dest_port dvc file_hash file_name file_path ids_type severity severity_id signature signature_id src src_port transport user vendor_product';
const SSL_FIELDS =
    'ssl_end_time ssl_engine ssl_hash ssl_is_valid ssl_issuer ssl_issuer_common_name ssl_issuer_email ssl_issuer_email_domain ssl_issuer_locality ssl_issuer_organization ssl_issuer_state ssl_issuer_street ssl_issuer_unit ssl_name ssl_policies ssl_publickey ssl_publickey_algorithm ssl_serial ssl_session_id ssl_signature_algorithm ssl_start_time ssl_subject ssl_subject_common_name ssl_subject_email ssl_subject_email_domain ssl_subject_locality ssl_subject_organization ssl_subject_state ssl_subject_street ssl_subject_unit ssl_validity_window ssl_version';

function prefixed(prefix: string, names: string): [string, string][] {
    return names.split(' ').map((n) => [`${prefix}.${n}`, n]);
}

const has = (event: StoredEvent, name: string): boolean => event.fields.has(name);
const tags = (event: StoredEvent): Set<string> | undefined => {
    const value: FieldValue | undefined = event.fields.get('tag');
    return value === undefined ? undefined : new Set(valuesOf(value).map((t) => t.toLowerCase()));
};
const tagged =
    (...required: string[]) =>
    (event: StoredEvent): boolean | undefined => {
        const t = tags(event);
        return t === undefined ? undefined : required.every((r) => t.has(r));
    };

const isEmail = (e: StoredEvent): boolean => tagged('email')(e) ?? (has(e, 'recipient') || has(e, 'src_user'));
const isCertificate = (e: StoredEvent): boolean =>
    tagged('certificate')(e) ?? [...e.fields.keys()].some((k) => k.startsWith('ssl_'));
const isDns = (e: StoredEvent): boolean => tagged('network', 'resolution', 'dns')(e) ?? has(e, 'query');
const isWeb = (e: StoredEvent): boolean => tagged('web')(e) ?? (has(e, 'url') && !isEmail(e));
const isProxy = (e: StoredEvent): boolean => {
    const t = tags(e);
    if (t !== undefined) return t.has('web') && t.has('proxy');
    const sourcetype = e.fields.get('sourcetype');
    return isWeb(e) && typeof sourcetype === 'string' && sourcetype.toLowerCase().includes('proxy');
};
const isIds = (e: StoredEvent): boolean => tagged('ids', 'attack')(e) ?? (has(e, 'signature') && has(e, 'ids_type'));
const isTraffic = (e: StoredEvent): boolean =>
    tagged('network', 'communicate')(e) ??
    (has(e, 'src') && has(e, 'dest') && !isEmail(e) && !isCertificate(e) && !isDns(e) && !isWeb(e) && !isIds(e));

const WEB = new Map(prefixed('Web', WEB_FIELDS));
const CERTS = new Map([...prefixed('All_Certificates', CERT_FIELDS), ...prefixed('All_Certificates.SSL', SSL_FIELDS)]);

const DATASETS: readonly DatasetDefinition[] = [
    { model: 'Web', dataset: 'Web', includes: isWeb, fields: WEB },
    { model: 'Web', dataset: 'Proxy', includes: isProxy, fields: WEB },
    {
        model: 'Network_Traffic',
        dataset: 'All_Traffic',
        includes: isTraffic,
        fields: new Map(prefixed('All_Traffic', TRAFFIC_FIELDS)),
    },
    { model: 'Network_Resolution', dataset: 'DNS', includes: isDns, fields: new Map(prefixed('DNS', DNS_FIELDS)) },
    { model: 'Email', dataset: 'All_Email', includes: isEmail, fields: new Map(prefixed('All_Email', EMAIL_FIELDS)) },
    { model: 'Certificates', dataset: 'All_Certificates', includes: isCertificate, fields: CERTS },
    { model: 'Certificates', dataset: 'SSL', includes: isCertificate, fields: CERTS },
    {
        model: 'Intrusion_Detection',
        dataset: 'IDS_Attacks',
        includes: isIds,
        fields: new Map(prefixed('IDS_Attacks', IDS_FIELDS)),
    },
];

/** Fields every dataset offers unprefixed. */
export const DATASET_COMMON_FIELDS: readonly string[] = ['_time', 'index', 'sourcetype', 'host', 'source'];

/**
 * Finds the dataset named by `from datamodel=<name>`: `Model` (its root dataset) or
 * `Model.Dataset`. Names are case-sensitive, as in Splunk. Returns undefined when unknown.
 */
export function findDataset(name: string): DatasetDefinition | undefined {
    const [model, dataset, extra] = name.split('.');
    if (extra !== undefined) return undefined;
    return DATASETS.find(
        (d) =>
            d.model === model &&
            (dataset === undefined ? DATASETS.find((r) => r.model === model) === d : d.dataset === dataset)
    );
}

/** Every supported `Model.Dataset` name. */
export function datasetNames(): string[] {
    return DATASETS.map((d) => `${d.model}.${d.dataset}`);
}
