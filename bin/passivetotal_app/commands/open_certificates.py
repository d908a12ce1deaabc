"""Certificate Transparency answers (crt.sh, Cert Spotter) as the certificates naming a host, in PassiveTotal's
certificate shape (a rule-for-rule port of the investigation page's crt.sh and Cert Spotter mappers)."""

import json as jsonlib
import re
from typing import Any, Dict, List, Optional, Union

from .jsonread import (
    JsonObject,
    as_number,
    as_object,
    as_text,
    as_text_list,
    defined,
    distinct,
    objects_in,
    parse_api_date,
)
from .open_common import UpstreamReport, normal_host
from .pt_mappers import Malformed

_DN_KEYS = {
    "cn": "commonName",
    "o": "organizationName",
    "ou": "organizationUnitName",
    "c": "country",
    "st": "stateOrProvinceName",
    "l": "localityName",
    "street": "streetAddress",
    "emailaddress": "emailAddress",
    "e": "emailAddress",
    "givenname": "givenName",
    "sn": "surname",
    "serialnumber": "serialNumber",
}


def parse_distinguished_name(dn: str) -> JsonObject:
    """A distinguished name as crt.sh and Cert Spotter write it (``C=US, O="Example, Inc.", CN=Example CA R1``)."""
    parts: List[str] = []
    current = ""
    quoted = False
    i = 0
    while i < len(dn):
        ch = dn[i]
        if ch == "\\" and i + 1 < len(dn):
            current += dn[i + 1]
            i += 1
        elif ch == '"':
            quoted = not quoted
        elif ch in ",/" and not quoted and re.match(r"^\s*[A-Za-z][\w.]*=", dn[i + 1:]):
            parts.append(current)
            current = ""
        else:
            current += ch
        i += 1
    parts.append(current)
    entity: JsonObject = {}
    for part in parts:
        eq = part.find("=")
        if eq <= 0:
            continue
        key = _DN_KEYS.get(part[:eq].strip().lower())
        value = part[eq + 1:].strip()
        if key is not None and value != "" and key not in entity:
            entity[key] = value
    return entity


def hex_serial_to_decimal(hex_text: str) -> Optional[str]:
    """A hex certificate serial (with or without colons) as the decimal text PassiveTotal used."""
    digits = re.sub(r"[:\s]", "", hex_text)
    if not re.match(r"^[0-9a-fA-F]+$", digits):
        return None
    return str(int(digits, 16))


def certificate_names(certificate: JsonObject, host: str) -> bool:
    """True when the subject CN or a SAN is ``host`` or a name below it."""
    h = normal_host(host)
    names = [(certificate.get("subject") or {}).get("commonName")] + list(
        certificate.get("subjectAlternativeNames") or []
    )
    for n in names:
        if n is None:
            continue
        name = normal_host(n)
        if name == h or name.endswith("." + h):
            return True
    return False


# ---------------------------------------------------------------------------------------------------------------
# crt.sh

CRTSH_RESULT_LIMIT = 10000


def _crtsh_certificate(row: JsonObject) -> JsonObject:
    serial_hex = as_text(row.get("serial_number"))
    names = [n.strip().lower() for n in re.split(r"\r?\n", as_text(row.get("name_value")) or "")]
    common_name = as_text(row.get("common_name"))
    return defined(
        sha1="",
        serialNumber=hex_serial_to_decimal(serial_hex) if serial_hex is not None else None,
        issued=parse_api_date(row.get("not_before")),
        expires=parse_api_date(row.get("not_after")),
        subject=defined(commonName=common_name.lower() if common_name is not None else None),
        issuer=parse_distinguished_name(as_text(row.get("issuer_name")) or ""),
        subjectAlternativeNames=distinct([n for n in names if n != ""]),
        provider="crtsh",
    )


def map_crtsh(json: Any, name: str) -> JsonObject:
    """crt.sh rows as the certificates naming ``name``; rows of one certificate (issuer and serial) are one record."""
    if not isinstance(json, list):
        raise Malformed("the crt.sh answer is not a JSON array", "a JSON array of certificate rows, as crt.sh answers")
    by_key: Dict[str, JsonObject] = {}
    identities: Union[int, float] = 0
    for row in objects_in(json):
        count = as_number(row.get("result_count"))
        identities += max(1, 1 if count is None else count)
        c = _crtsh_certificate(row)
        if c.get("serialNumber") is None:
            key = "id:" + (as_text(row.get("id")) or jsonlib.dumps(row, separators=(",", ":")))
        else:
            issuer = as_text(row.get("issuer_ca_id")) or c["issuer"].get("commonName") or ""
            key = "%s|%s" % (issuer, c["serialNumber"])
        seen = by_key.get(key)
        if seen is None:
            by_key[key] = c
        else:
            merged = dict(seen)
            merged["subjectAlternativeNames"] = distinct(
                list(seen["subjectAlternativeNames"]) + list(c["subjectAlternativeNames"])
            )
            by_key[key] = merged
    host = normal_host(name)
    records = [c for c in by_key.values() if certificate_names(c, host)]
    page: JsonObject = {"records": records, "total": len(records)}
    if identities >= CRTSH_RESULT_LIMIT or len(json) >= CRTSH_RESULT_LIMIT:
        page["truncated"] = True
    return page


# ---------------------------------------------------------------------------------------------------------------
# Cert Spotter


def _fingerprint(value: Any) -> Optional[str]:
    text = as_text(value)
    hex_text = text.lower() if text is not None else None
    if hex_text is None or not re.match(r"^[0-9a-f]+$", hex_text) or len(hex_text) % 2 != 0:
        return None
    return ":".join(hex_text[i:i + 2] for i in range(0, len(hex_text), 2))


def map_certspotter(json: Any, name: str) -> JsonObject:
    """Cert Spotter issuances as the certificates naming ``name``, one per certificate (its TBS hash)."""
    if not isinstance(json, list):
        raise Malformed("the Cert Spotter answer is not a JSON array",
                        "a JSON array of issuances, as Cert Spotter answers")
    seen = set()
    host = normal_host(name)
    records: List[JsonObject] = []
    for o in objects_in(json):
        key = (
            as_text(o.get("tbs_sha256"))
            or as_text(o.get("cert_sha256"))
            or as_text(o.get("id"))
            or jsonlib.dumps(o, separators=(",", ":"))
        )
        if key in seen:
            continue
        seen.add(key)
        issuer = as_object(o.get("issuer"))
        entity = parse_distinguished_name(as_text((issuer or {}).get("name")) or "")
        friendly = as_text((issuer or {}).get("friendly_name"))
        if entity.get("organizationName") is None and friendly is not None:
            entity = dict(entity, organizationName=friendly)
        c = defined(
            sha1="",
            fingerprint=_fingerprint(o.get("cert_sha256")),
            issued=parse_api_date(o.get("not_before")),
            expires=parse_api_date(o.get("not_after")),
            subject={},
            issuer=entity,
            subjectAlternativeNames=distinct([n.lower() for n in as_text_list(o.get("dns_names"))]),
            provider="certspotter",
        )
        if certificate_names(c, host):
            records.append(c)
    return {"records": records, "total": len(records)}


def certspotter_reported_error(json: Any) -> Optional[UpstreamReport]:
    """``{"code": "rate_limited", "message": ...}``: ``rate_limited`` is ``quota``, any other code ``upstream``."""
    o = as_object(json)
    code = as_text((o or {}).get("code"))
    if code is None:
        return None
    reason = "Cert Spotter: %s" % (as_text((o or {}).get("message")) or code)
    return UpstreamReport("quota" if code == "rate_limited" else "upstream", reason)


# ---------------------------------------------------------------------------------------------------------------
# mnemonic PassiveDNS
