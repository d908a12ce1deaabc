"""The contacts of an RDAP answer by role (registrant, admin, tech, billing) from its entities, nested as deep as
registries nest them, the registrar and its abuse address, and the fields given as redacted (RFC 9537 ``redacted``
names, redaction remarks, jCard values), merged over the registry's and the registrar's answers."""

import re
from typing import Dict, List, NamedTuple, Optional, Tuple

from .jcard import REDACTED, read_jcard
from .jsonread import JsonObject, as_array, as_object, as_text, distinct

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


class ContactsRead(NamedTuple):
    """What one answer (the registry's or the registrar's) says: contacts by role, registrar, abuse email and the
    names of its redacted fields."""

    contacts: Dict[str, Dict[str, str]]
    registrar: Optional[str]
    abuse_email: Optional[str]
    redactions: List[str]


def read_body(o: JsonObject) -> ContactsRead:
    """The contacts, registrar and redactions of one RDAP answer (a registrar's own contacts are not the object's)."""
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
    return ContactsRead(contacts, registrar, abuse_email, _redaction_names(o))


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


def contacts_of(own: ContactsRead, theirs: Optional[ContactsRead]) -> Tuple[Dict[str, Dict[str, str]], List[str]]:
    """The contacts by role, the registrar's answer first field by field, with the redacted fields marked; and the
    names of the redacted fields."""
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
    return contacts, redacted
