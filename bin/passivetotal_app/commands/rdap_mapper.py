"""RDAP (RFC 9083) answers of the endpoint's ``open/rdap/...`` routes into WHOIS records.

The endpoint answers ``{registry, registrar}``: the registry's object (domain, IP network or autnum), and for thin
registries the registrar's answer the registry links to, or null. Contacts come from the entities' jCards (RFC
7095) by role, the registrar's answer first. Redaction (RFC 9537 ``redacted``, "REDACTED FOR PRIVACY" values and
remarks, an empty ``fn``) is shown, not hidden: such a field holds ``[redacted]`` and its name is listed in
``redacted``. A rule-for-rule port of the investigation page's mapper (packages/core/src/providers/open/rdap/
mapper.ts); the tests compare with its golden files.
"""

import re
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from .jsonread import JsonObject, as_array, as_number, as_object, as_text, defined, distinct, parse_api_date
from .open_common import UpstreamReport, normal_host, status_report
from .pt_mappers import Malformed

REDACTED = "[redacted]"
_EXPECTED = "a JSON object {registry, registrar} with RDAP (RFC 9083) answers, as the app endpoint sends"

_ROLES = [("registrant", "registrant"), ("administrative", "admin"), ("technical", "tech"), ("billing", "billing")]
_ROLE_LABELS = {"registrant": "Registrant", "admin": "Admin", "tech": "Tech", "billing": "Billing", "zone": "Zone"}
_FIELD_LABELS = {
    "name": "Name",
    "organization": "Organization",
    "email": "Email",
    "telephone": "Phone",
    "fax": "Fax",
    "street": "Street",
    "city": "City",
    "state": "State/Province",
    "postalCode": "Postal Code",
    "country": "Country",
}
_REDACTED_VALUE = re.compile(r"redacted|withheld for privacy|not disclosed|data protected", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------------------------
# jCard


class JCard(NamedTuple):
    """One jCard contact: its ``kind`` (individual, org ...), the contact fields, and the fields given as redacted."""

    kind: Optional[str]
    contact: Dict[str, str]
    redacted_fields: List[str]


def _param_list(params: Optional[JsonObject], key: str) -> List[str]:
    v = (params or {}).get(key)
    return [x.lower() for x in (v if isinstance(v, list) else [v]) if isinstance(x, str)]


def _prop_text(value: Any) -> Optional[str]:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        parts = [t for t in (_prop_text(x) for x in value) if t is not None and t != ""]
        return ", ".join(parts)
    return None


class _Prop(NamedTuple):
    name: str
    params: Optional[JsonObject]
    type: str
    value: Any
    pref: float


def _props(vcard_array: Any) -> List[_Prop]:
    listed = as_array(as_array(vcard_array)[1] if len(as_array(vcard_array)) > 1 else None)
    out: List[_Prop] = []
    for index, p in enumerate(listed):
        a = as_array(p)
        name = a[0] if a else None
        if not isinstance(name, str):
            continue
        params = as_object(a[1]) if len(a) > 1 else None
        pref = as_number((params or {}).get("pref"))
        out.append(
            _Prop(
                name.lower(),
                params,
                a[2] if len(a) > 2 and isinstance(a[2], str) else "",
                a[3] if len(a) > 3 else None,
                float(pref) if pref is not None else 100 + index / 1000.0,
            )
        )
    # Properties may repeat; a `pref` parameter orders them (stable otherwise).
    return sorted(out, key=lambda p: p.pref)


def read_jcard(vcard_array: Any) -> JCard:
    """One entity's ``vcardArray``: name, organisation, e-mail, voice and fax numbers, the address."""
    c: Dict[str, str] = {}
    redacted_fields: List[str] = []
    kind: Optional[str] = None

    def put(field: str, raw: Optional[str], empty_is_redacted: bool = False) -> None:
        if raw is None or field in c:
            return
        if (raw == "" and empty_is_redacted) or (raw != "" and _REDACTED_VALUE.search(raw)):
            c[field] = REDACTED
            redacted_fields.append(field)
        elif raw != "":
            c[field] = raw

    for p in _props(vcard_array):
        text = _prop_text(p.value)
        if p.name == "fn":
            put("name", text, True)
        elif p.name == "org":
            put("organization", text)
        elif p.name == "kind":
            kind = text.lower() if text is not None else kind
        elif p.name == "email":
            put("email", text.lower() if text is not None else None, True)
        elif p.name == "tel":
            number = re.sub(r"^tel:", "", text, flags=re.IGNORECASE) if p.type == "uri" and text is not None else text
            put("fax" if "fax" in _param_list(p.params, "type") else "telephone", number, True)
        elif p.name == "contact-uri":
            if text is not None and text.lower().startswith("mailto:"):
                put("email", text[7:].lower())
        elif p.name == "adr":
            _read_address(p, put)
    return JCard(kind, c, redacted_fields)


def _read_address(p: _Prop, put: Callable[[str, Optional[str]], None]) -> None:
    parts = [_prop_text(x) or "" for x in as_array(p.value)]
    parts += [""] * (7 - len(parts))
    pobox, ext, street, city, state, postal, country = parts[:7]
    cc = as_text((p.params or {}).get("cc"))
    if all(x == "" for x in (pobox, ext, street, city, state, postal, country)):
        label = as_text((p.params or {}).get("label"))
        if label is not None:
            put("street", ", ".join(line.strip() for line in re.split(r"\r?\n", label) if line.strip()))
    else:
        put("street", ", ".join(x for x in (pobox, ext, street) if x))
        put("city", city)
        put("state", state)
        put("postalCode", postal)
    if cc is not None:
        put("country", cc.upper())
    else:
        put("country", country.upper() if re.match(r"^[a-zA-Z]{2}$", country) else country)


# ---------------------------------------------------------------------------------------------------------------
# Entities


class _Found(NamedTuple):
    entity: JsonObject
    depth: int
    under_registrar: bool


def _roles(entity: JsonObject) -> List[str]:
    return [r.lower() for r in as_array(entity.get("roles")) if isinstance(r, str)]


def _all_entities(o: Optional[JsonObject], depth: int = 0, under_registrar: bool = False) -> List[_Found]:
    if o is None or depth > 4:
        return []
    found: List[_Found] = []
    for e in as_array(o.get("entities")):
        x = as_object(e)
        if x is None:
            continue
        nested_under = under_registrar or "registrar" in _roles(x)
        found.append(_Found(x, depth, under_registrar))
        found.extend(_all_entities(x, depth + 1, nested_under))
    return found


def _by_role(found: List[_Found], role: str) -> Optional[JsonObject]:
    with_role = [f for f in found if role in _roles(f.entity)]
    ranked = sorted(with_role, key=lambda f: (0 if "vcardArray" in f.entity else 1, f.depth))
    return ranked[0].entity if ranked else None


def _remark_titles(o: JsonObject) -> List[str]:
    titles: List[str] = []
    for r in as_array(o.get("remarks")):
        x = as_object(r) or {}
        for t in (as_text(x.get("title")), as_text(x.get("type"))):
            if t is not None:
                titles.append(t)
    return titles


def _contact_of(entity: JsonObject) -> Dict[str, str]:
    card = read_jcard(entity.get("vcardArray"))
    contact = dict(card.contact)
    if card.kind == "org" and "organization" not in contact and "name" in contact:
        contact["organization"] = contact.pop("name")
    for title in _remark_titles(entity):
        if not re.search(r"redacted|restricted publication", title, re.IGNORECASE):
            continue
        fields = ["email"] if re.search(r"e-?mail", title, re.IGNORECASE) else ["name", "email", "telephone"]
        for f in fields:
            contact.setdefault(f, REDACTED)
    return contact


# ---------------------------------------------------------------------------------------------------------------
# RFC 9537

_REDACTION_NAME = re.compile(
    r"^(registrant|admin(?:istrative)?|tech(?:nical)?|billing)\s+(name|organi[sz]ation|org|e-?mail|phone|telephone|"
    r"voice|fax|street|city|state/province|state|province|postal\s*code|post\s*code|country(?:\s*code)?)$",
    re.IGNORECASE,
)


def _redaction_field(word: str) -> str:
    w = re.sub(r"\s+", " ", word.lower())
    if w == "name":
        return "name"
    if w.startswith("org"):
        return "organization"
    if "mail" in w:
        return "email"
    if w == "fax":
        return "fax"
    if w == "street":
        return "street"
    if w == "city":
        return "city"
    if w.startswith("state") or w == "province":
        return "state"
    if w.startswith("post"):
        return "postalCode"
    if w.startswith("country"):
        return "country"
    return "telephone"


def _redaction_role(word: str) -> str:
    w = word.lower()
    if w.startswith("admin"):
        return "admin"
    if w.startswith("tech"):
        return "tech"
    return "billing" if w == "billing" else "registrant"


def _redaction_names(o: Optional[JsonObject]) -> List[str]:
    names: List[str] = []
    for r in as_array((o or {}).get("redacted")):
        name = as_object((as_object(r) or {}).get("name")) or {}
        t = as_text(name.get("description")) or as_text(name.get("type"))
        if t is not None:
            names.append(t)
    return names


# ---------------------------------------------------------------------------------------------------------------
# One answer


class _Read(NamedTuple):
    contacts: Dict[str, Dict[str, str]]
    registrar: Optional[str]
    abuse_email: Optional[str]
    redactions: List[str]


def _read_body(o: JsonObject) -> _Read:
    found = _all_entities(o)
    own = [f for f in found if not f.under_registrar]
    contacts: Dict[str, Dict[str, str]] = {}
    for rdap_role, role in _ROLES:
        # A registrar's own technical contact is not the object's.
        entity = _by_role(own, rdap_role)
        contact = _contact_of(entity) if entity is not None else None
        if contact:
            contacts[role] = contact
    registrar_entity = _by_role(found, "registrar")
    registrar_card = read_jcard(registrar_entity.get("vcardArray")).contact if registrar_entity is not None else {}
    abuse = _by_role(found, "abuse")
    abuse_email = read_jcard(abuse.get("vcardArray")).contact.get("email") if abuse is not None else None
    registrar = None
    for v in (registrar_card.get("name"), registrar_card.get("organization")):
        if v is not None and v != REDACTED:
            registrar = v
            break
    return _Read(contacts, registrar, abuse_email, _redaction_names(o))


def _event_date(o: Optional[JsonObject], action: str) -> Optional[str]:
    for e in as_array((o or {}).get("events")):
        x = as_object(e) or {}
        if (as_text(x.get("eventAction")) or "").lower() == action:
            return parse_api_date(x.get("eventDate"))
    return None


def _statuses(o: Optional[JsonObject]) -> List[str]:
    return [t for t in (as_text(s) for s in as_array((o or {}).get("status"))) if t is not None]


def _name_servers(o: Optional[JsonObject]) -> List[str]:
    servers: List[str] = []
    for n in as_array((o or {}).get("nameservers")):
        x = as_object(n) or {}
        t = as_text(x.get("ldhName")) or as_text(x.get("unicodeName"))
        if t is not None:
            servers.append(normal_host(t))
    return servers


_RIRS = [("arin", "ARIN"), ("ripe", "RIPE NCC"), ("apnic", "APNIC"), ("lacnic", "LACNIC"), ("afrinic", "AFRINIC")]


def _rir_of(o: JsonObject) -> Optional[str]:
    selves = [
        as_text(x.get("href")) or ""
        for x in (as_object(link) or {} for link in as_array(o.get("links")))
        if as_text(x.get("rel")) == "self"
    ]
    hints = [as_text(o.get("port43")) or "", re.sub(r"^.*-", "", as_text(o.get("handle")) or "")] + selves
    for hint in hints:
        for word, name in _RIRS:
            if word in hint.lower():
                return name
    return None


def _cidrs(o: JsonObject) -> List[str]:
    blocks: List[str] = []
    for c in as_array(o.get("cidr0_cidrs")):
        x = as_object(c) or {}
        prefix = as_text(x.get("v4prefix")) or as_text(x.get("v6prefix"))
        length = as_number(x.get("length"))
        if prefix is not None and length is not None:
            blocks.append("%s/%s" % (prefix, as_text(length)))
    return blocks


def _address(value: Any) -> Optional[str]:
    t = as_text(value)
    return re.sub(r"/[0-9]+$", "", t) if t is not None else None


def _raw_lines(lines: List[Tuple[str, Optional[str]]]) -> Optional[str]:
    text = "\n".join("%s: %s" % (k, v) for k, v in lines if v is not None and v != "")
    return text or None


def _summary(o: JsonObject, kind: str) -> Tuple[str, Optional[str]]:
    handle = as_text(o.get("handle"))
    country = as_text(o.get("country"))
    common: List[Tuple[str, Optional[str]]] = [
        ("Handle", handle),
        ("Name", as_text(o.get("name"))),
        ("Type", as_text(o.get("type"))),
        ("Country", country.upper() if country is not None else None),
        ("Status", ", ".join(_statuses(o))),
    ]
    if kind == "autnum":
        start = as_number(o.get("startAutnum"))
        end = as_number(o.get("endAutnum"))
        if start is None:
            span: Optional[str] = None
        elif end is None or end == start:
            span = "AS%s" % as_text(start)
        else:
            span = "AS%s - AS%s" % (as_text(start), as_text(end))
        return span or handle or "", _raw_lines([("Range", span)] + common)
    first = _address(o.get("startAddress"))
    last = _address(o.get("endAddress"))
    span = "%s - %s" % (first, last) if first is not None and last is not None else first
    blocks = _cidrs(o)
    origins = [
        "AS%s" % as_text(a)
        for a in (as_number(n) for n in as_array(o.get("arin_originas0_originautnums")))
        if a is not None
    ]
    lines = [("Range", span), ("CIDR", ", ".join(blocks))] + common
    lines += [("Parent", as_text(o.get("parentHandle"))), ("Origin AS", ", ".join(origins))]
    return (", ".join(blocks) if blocks else (span or handle or "")), _raw_lines(lines)


def _merge_contact(first: Optional[Dict[str, str]], second: Optional[Dict[str, str]]) -> Optional[Dict[str, str]]:
    if not first or not second:
        return first or second
    contact: Dict[str, str] = {}
    for f in list(first) + [k for k in second if k not in first]:
        a = first.get(f)
        b = second.get(f)
        if a is not None and a != REDACTED:
            contact[f] = a
        elif b is not None and b != REDACTED:
            contact[f] = b
        else:
            contact[f] = a if a is not None else b  # type: ignore[assignment]
    return contact


def _apply_redactions(contacts: Dict[str, Dict[str, str]], names: List[str]) -> None:
    for n in names:
        m = _REDACTION_NAME.match(n.strip())
        if not m:
            continue
        contact = contacts.setdefault(_redaction_role(m.group(1)), {})
        contact.setdefault(_redaction_field(m.group(2)), REDACTED)


def _is_rdap_error(o: Optional[JsonObject]) -> bool:
    return o is not None and as_number(o.get("errorCode")) is not None and "objectClassName" not in o


def _record(registry: JsonObject, registrar: Optional[JsonObject]) -> JsonObject:
    kind = (as_text(registry.get("objectClassName")) or "domain").lower()
    own = _read_body(registry)
    theirs = _read_body(registrar) if registrar is not None else None
    contacts: Dict[str, Dict[str, str]] = {}
    for _, role in _ROLES:
        merged = _merge_contact(theirs.contacts.get(role) if theirs else None, own.contacts.get(role))
        if merged:
            contacts[role] = merged
    names = distinct(own.redactions + (theirs.redactions if theirs else []))
    _apply_redactions(contacts, names)
    derived = [
        "%s %s" % (_ROLE_LABELS[role], _FIELD_LABELS[field])
        for _, role in _ROLES
        for field, value in contacts.get(role, {}).items()
        if value == REDACTED
    ]
    redacted = distinct(names + derived)
    is_network = kind in ("ip network", "autnum")
    summary = _summary(registry, kind) if is_network else None

    def date(action: str) -> Optional[str]:
        return _event_date(registry, action) or _event_date(registrar, action)

    servers = _name_servers(registry)
    domain = (
        summary[0]
        if summary is not None
        else normal_host(
            as_text(registry.get("ldhName")) or as_text(registry.get("unicodeName"))
            or as_text(registry.get("handle")) or ""
        )
    )
    return defined(
        domain=domain,
        registrar=_rir_of(registry) if is_network else (own.registrar or (theirs.registrar if theirs else None)),
        whoisServer=as_text(registry.get("port43")) or as_text((registrar or {}).get("port43")),
        registered=date("registration"),
        updated=date("last changed"),
        expires=date("expiration"),
        lastLoaded=date("last update of rdap database"),
        contactEmail=(theirs.abuse_email if theirs else None) or own.abuse_email,
        nameServers=servers if servers else _name_servers(registrar),
        contacts=contacts,
        domainStatus=distinct(_statuses(registry) + _statuses(registrar)),
        rawText=summary[1] if summary is not None else None,
        redacted=redacted if redacted else None,
        provider="rdap",
    )


def map_rdap(json: Any) -> JsonObject:
    """The endpoint's RDAP answer as a page of at most one WHOIS record (a domain, an IP network or an AS number).
    An RDAP 404 error body and a null registry are an empty page; a registrar answer that is an error is ignored."""
    o = as_object(json)
    if o is None:
        raise Malformed("the RDAP answer is not a JSON object", _EXPECTED)
    bare = "objectClassName" in o or "errorCode" in o
    registry = o if bare else as_object(o.get("registry"))
    if not bare and "registry" not in o:
        raise Malformed('the RDAP answer has no "registry" member', _EXPECTED)
    if registry is None or _is_rdap_error(registry):
        return {"records": [], "total": 0}
    registrar_body = None if bare else as_object(o.get("registrar"))
    registrar = None if _is_rdap_error(registrar_body) else registrar_body
    return {"records": [_record(registry, registrar)], "total": 1}


def rdap_reported_error(json: Any) -> Optional[UpstreamReport]:
    """An error the registry reported (RFC 9083 ``errorCode``) other than 404: 429 is ``quota``."""
    o = as_object(json)
    registry = (o if "errorCode" in o else as_object(o.get("registry"))) if o is not None else None
    if registry is None or not _is_rdap_error(registry):
        return None
    code = as_number(registry.get("errorCode")) or 0
    if code == 404:
        return None
    description = [t for t in (as_text(d) for d in as_array(registry.get("description"))) if t is not None]
    title = as_text(registry.get("title")) or (description[0] if description else "error")
    reason = "RDAP: %s (%s)" % (title, as_text(code))
    status = int(code)
    if code == 501:
        return UpstreamReport("unsupported", reason, status)
    return status_report(status, reason, (429,))
