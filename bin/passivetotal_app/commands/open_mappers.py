"""The open providers' answers (the ``data`` of the endpoint's ``open/<provider>/<operation>`` routes) into the
intelligence model: certificates (crt.sh, Cert Spotter), resolutions (mnemonic, OTX, CIRCL) and reputation (OTX,
URLhaus, ThreatFox). RDAP has its own module.

A rule-for-rule port of the investigation page's mappers (packages/core/src/providers/open/*/mapper.ts and
common.ts); the tests compare with the page's golden files. Each provider can also report an error inside a
successful answer (mnemonic's ``responseCode``, URLhaus's ``query_status`` ...): the ``*_reported_error``
functions read it as an ``UpstreamReport`` with the kind of failure.

This module gathers the mappers, which live by what they map: open_common (what they share), open_certificates,
open_resolutions and open_reputation.
"""

from .open_certificates import (
    CRTSH_RESULT_LIMIT,
    certificate_names,
    certspotter_reported_error,
    hex_serial_to_decimal,
    map_certspotter,
    map_crtsh,
    parse_distinguished_name,
)
from .open_common import (
    UpstreamReport,
    looks_like_ip,
    normal_host,
    observed_resolution,
    resolutions_page,
    resolve_type_of,
)
from .open_reputation import (
    THREATFOX_MALICIOUS_CONFIDENCE,
    map_otx_general,
    map_threatfox,
    map_urlhaus,
    otx_reported_error,
    threatfox_reported_error,
    urlhaus_reported_error,
)
from .open_resolutions import map_circl, map_mnemonic, map_otx_passive_dns, mnemonic_reported_error, parse_cof

__all__ = [
    "CRTSH_RESULT_LIMIT",
    "THREATFOX_MALICIOUS_CONFIDENCE",
    "UpstreamReport",
    "certificate_names",
    "certspotter_reported_error",
    "hex_serial_to_decimal",
    "looks_like_ip",
    "map_certspotter",
    "map_circl",
    "map_crtsh",
    "map_mnemonic",
    "map_otx_general",
    "map_otx_passive_dns",
    "map_threatfox",
    "map_urlhaus",
    "mnemonic_reported_error",
    "normal_host",
    "observed_resolution",
    "otx_reported_error",
    "parse_cof",
    "parse_distinguished_name",
    "resolutions_page",
    "resolve_type_of",
    "threatfox_reported_error",
    "urlhaus_reported_error",
]
