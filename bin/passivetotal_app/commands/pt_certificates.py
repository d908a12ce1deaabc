"""PassiveTotal's SSL certificate answers (``GET /ssl-certificate``, ``/ssl-certificate/search``,
``/ssl-certificate/history``) as certificates with their subject and issuer (a rule-for-rule port of the
investigation page's mappers)."""

from typing import Any, List

from .jsonread import JsonObject, as_text, as_text_list, defined, parse_api_date, pick
from .pt_common import body, dates, page_of, results

_ENTITY_FIELDS = [
    ("commonName", "CommonName"),
    ("organizationName", "OrganizationName"),
    ("organizationUnitName", "OrganizationUnitName"),
    ("country", "Country"),
    ("stateOrProvinceName", "StateOrProvinceName"),
    ("localityName", "LocalityName"),
    ("streetAddress", "StreetAddress"),
    ("emailAddress", "EmailAddress"),
    ("givenName", "GivenName"),
    ("surname", "Surname"),
    ("serialNumber", "SerialNumber"),
]


def _entity(o: JsonObject, prefix: str) -> JsonObject:
    e: JsonObject = {}
    for key, suffix in _ENTITY_FIELDS:
        given = pick(o, prefix + suffix)
        if given is None and key == "stateOrProvinceName":
            given = pick(o, prefix + "Province")
        t = as_text(given)
        if t is not None:
            e[key] = t
    return e


def _certificate(o: JsonObject) -> JsonObject:
    fingerprint = as_text(o.get("fingerprint"))
    return defined(
        sha1=(as_text(o.get("sha1")) or "").lower(),
        fingerprint=fingerprint.lower() if fingerprint is not None else None,
        serialNumber=as_text(pick(o, "serialNumber")),
        sslVersion=as_text(o.get("sslVersion")),
        issued=parse_api_date(o.get("issueDate")),
        expires=parse_api_date(o.get("expirationDate")),
        subject=_entity(o, "subject"),
        issuer=_entity(o, "issuer"),
        subjectAlternativeNames=[n.lower() for n in as_text_list(pick(o, "subjectAlternativeNames"))],
        **dates(o)
    )


def map_certificates(json: Any) -> JsonObject:
    """``GET /ssl-certificate`` and ``GET /ssl-certificate/search`` (a bare certificate in the 2016 format too)."""
    o = body(json, "SSL certificate")
    if not isinstance(o.get("results"), list):
        return page_of([], 0) if as_text(o.get("sha1")) is None else page_of([_certificate(o)], None)
    records = [_certificate(x) for x in results(o)]
    reported = o.get("overallTotalRecords") if o.get("overallTotalRecords") is not None else o.get("totalRecords")
    return page_of(records, reported)


def map_certificates_for_name(json: Any, name: str) -> JsonObject:
    """``GET /ssl-certificate/search?field=name``, keeping the certificates whose subject CN or a SAN is ``name`` or
    a name below it (PassiveTotal matches substrings, so ``notevil.example`` is dropped and not counted)."""
    mapped = map_certificates(json)
    host = name.lower()

    def names_it(c: JsonObject) -> bool:
        names = [(c.get("subject") or {}).get("commonName")] + list(c.get("subjectAlternativeNames") or [])
        return any(n is not None and (n.lower() == host or n.lower().endswith("." + host)) for n in names)

    records = [c for c in mapped["records"] if names_it(c)]
    dropped = len(mapped["records"]) - len(records)
    return {"records": records, "total": max(len(records), mapped["total"] - dropped)}


def map_certificate_history(json: Any) -> JsonObject:
    """``GET /ssl-certificate/history`` (by SHA-1 or IP; ``ipAddresses`` may be the text ``N/A``)."""
    o = body(json, "SSL certificate history")
    records: List[JsonObject] = []
    for x in results(o):
        records.append(
            defined(
                sha1=(as_text(x.get("sha1")) or "").lower(),
                ipAddresses=as_text_list(x.get("ipAddresses")),
                domains=[d.lower() for d in as_text_list(x.get("domains"))],
                **dates(x)
            )
        )
    return page_of(records, o.get("totalRecords"))
