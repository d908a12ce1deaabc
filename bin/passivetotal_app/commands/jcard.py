"""jCard (RFC 7095) contacts of RDAP entities: the kind, the contact fields (name, organization, email, phone,
fax, postal address), and the fields a registry gave as redacted (a "REDACTED FOR PRIVACY" value, an empty ``fn``),
which hold ``[redacted]``."""

import re
from typing import Any, Callable, Dict, List, NamedTuple, Optional

from .jsonread import JsonObject, as_array, as_number, as_object, as_text

REDACTED = "[redacted]"
_REDACTED_VALUE = re.compile(r"redacted|withheld for privacy|not disclosed|data protected", re.IGNORECASE)


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
