"""PassiveTotal's WHOIS answers (``GET /whois``, ``GET /whois/search``) as WHOIS records, the contacts by role
(a rule-for-rule port of the investigation page's mappers)."""

from typing import Any, Optional

from .jsonread import JsonObject, as_host, as_object, as_text, as_text_list, defined, parse_api_date
from .pt_common import body, page_of, results

CONTACT_FIELDS = ("name", "organization", "email", "telephone", "fax", "street", "city", "state", "postalCode",
                  "country")
ROLES = ("registrant", "admin", "tech", "billing", "zone")


def _contact(value: Any) -> Optional[JsonObject]:
    o = as_object(value)
    if o is None:
        return None
    c: JsonObject = {}
    for f in CONTACT_FIELDS:
        t = as_text(o.get(f))
        if t is not None:
            c[f] = t.lower() if f == "email" else t
    return c or None


def _raw_text(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and value.strip() != "" else None


def _whois_record(o: JsonObject) -> JsonObject:
    contacts: JsonObject = {}
    for role in ROLES:
        # Graph TI calls the technical contact `technical`.
        given = o.get(role)
        if given is None and role == "tech":
            given = o.get("technical")
        c = _contact(given)
        if c:
            contacts[role] = c
    email = as_text(o.get("contactEmail"))
    return defined(
        domain=as_host(o.get("domain")) or "",
        registrar=as_text(o.get("registrar")),
        whoisServer=as_text(o.get("whoisServer")),
        registered=parse_api_date(o.get("registered")),
        updated=parse_api_date(o.get("registryUpdatedAt")),
        expires=parse_api_date(o.get("expiresAt")),
        lastLoaded=parse_api_date(o.get("lastLoadedAt")),
        contactEmail=email.lower() if email is not None else None,
        nameServers=[
            n.lower()[:-1] if n.lower().endswith(".") else n.lower() for n in as_text_list(o.get("nameServers"))
        ],
        contacts=contacts,
        domainStatus=[s.strip() for s in (as_text(o.get("domainStatus")) or "").split(",") if s.strip() != ""],
        rawText=_raw_text(o.get("rawText")) or _raw_text(o.get("text")),
    )


def map_whois(json: Any) -> JsonObject:
    """``GET /whois``: one record, or with ``history=true`` a page of them. An empty ``{}`` is no record."""
    o = body(json, "WHOIS")
    if isinstance(o.get("results"), list):
        return map_whois_search(o)
    if as_text(o.get("domain")) is None and len(o) == 0:
        return page_of([], 0)
    return page_of([_whois_record(o)], None)


def map_whois_search(json: Any) -> JsonObject:
    """``GET /whois/search`` (``totalrecords`` in lower case on newer answers)."""
    o = body(json, "WHOIS search")
    records = [_whois_record(x) for x in results(o)]
    reported = o.get("totalRecords") if o.get("totalRecords") is not None else o.get("totalrecords")
    return page_of(records, reported)
