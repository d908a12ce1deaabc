"""What PassiveTotal's mappers share: ``Malformed`` (an answer that is not the kind of JSON value its endpoint
answers with), the answer's object, its ``results`` objects, a page of records with its total, and the first and
last seen dates."""

from typing import Any, List

from .jsonread import JsonObject, as_number, as_object, defined, objects_in, parse_api_date

EXPECTED_OBJECT = "a JSON object, as PassiveTotal answers"


class Malformed(Exception):
    """A provider answer that is not the kind of JSON value its endpoint answers with."""

    def __init__(self, reason: str, expected: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.expected = expected


def body(json: Any, endpoint: str) -> JsonObject:
    """The answer's JSON object; ``Malformed`` naming the endpoint when it is not one."""
    o = as_object(json)
    if o is None:
        raise Malformed("the %s response is not a JSON object" % endpoint, EXPECTED_OBJECT)
    return o


def results(o: JsonObject) -> List[JsonObject]:
    """The objects of the answer's ``results`` list."""
    return objects_in(o.get("results"))


def page_of(records: List[Any], reported: Any) -> JsonObject:
    """A page of records; the total is the reported one, else the number of records."""
    total = as_number(reported)
    return {"records": records, "total": len(records) if total is None else total}


def dates(o: JsonObject) -> JsonObject:
    """``firstSeen`` and ``lastSeen`` in the model's date form, when the answer has them."""
    return defined(firstSeen=parse_api_date(o.get("firstSeen")), lastSeen=parse_api_date(o.get("lastSeen")))
