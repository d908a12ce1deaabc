"""The routes that ask providers: ``pt/<path>``, ``open/<provider>/<operation>``, ``batch``, ``quota`` and
``check``. Each validates first (validation.py: nothing refused reaches settings, credentials or an upstream),
then answers through the one pipeline (pipeline.py).

A success is ``{data, cached, fetchedAt, expiresAt?, provider, dataset, endpoint}``; ``batch`` runs up to
``batchMaxCalls`` such calls side by side (``batchThreads`` at a time) and answers each exactly as its single
GET would be, so one failing call never fails the others; what its answers hold together is at most
``batchMaxBytes`` (memory.py).
"""

import logging
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Sequence, Tuple

from . import allowance, catalogue, logs, memory, pipeline, quota as quota_words
from .errors import INTERNAL, ProxyError, forget_frames
from .model import Answer, Query, iso_utc
from .profiles import PASSIVETOTAL, PROFILES, Operation
from .replies import error_reply, json_reply
from .request import Request
from .validation import IGNORED_PARAMS, open_operation, pt_operation, refuse, unknown_provider, validate
from .values import shown

LOG = logging.getLogger("passivetotal.service")

BATCH_MAX_CALLS = int(catalogue.LIMITS["batchMaxCalls"])
BATCH_THREADS = int(catalogue.LIMITS["batchThreads"])
QUOTA_CACHE_SECONDS = 60


def success(answer: Answer, operation: Operation, query: Query, **extra: Any) -> Dict[str, Any]:
    """The reply to a provider call: ``{data, cached, fetchedAt, expiresAt?, provider, dataset, endpoint}``."""
    payload: Dict[str, Any] = {
        "data": answer.data,
        "cached": answer.cached,
        "fetchedAt": iso_utc(answer.fetched_at),
        "provider": operation.provider,
        "dataset": query.dataset,
        "endpoint": query.path,
    }
    if answer.expires_at is not None:
        payload["expiresAt"] = iso_utc(answer.expires_at)
    payload.update(extra)
    return json_reply(payload)


def _call(
    request: Request, operation: Operation, pairs: Sequence[Tuple[str, str]], in_batch: bool = False
) -> Dict[str, Any]:
    query = validate(operation, pairs)
    return success(pipeline.answer(request.context(), operation, query, batch=in_batch), operation, query)


def pt(request: Request, rest: str) -> Dict[str, Any]:
    """``GET pt/<api path>?<params>``: one PassiveTotal operation."""
    return _call(request, pt_operation(rest), request.query())


def open_provider(request: Request, rest: str) -> Dict[str, Any]:
    """``GET open/<provider>/<operation>?q=<value>``: one open provider's operation."""
    return _call(request, open_operation(rest), request.query())


def internal_error(what: str) -> Dict[str, Any]:
    """The reply to an unexpected exception (being handled): logged with its traceback and an incident id, answered
    500 ``internal`` with that id and no detail."""
    incident = uuid.uuid4().hex[:12]
    LOG.exception("%s, incident %s", what, incident)
    return error_reply(
        500,
        "Internal error in the PassiveTotal app (incident %s); an administrator finds the details in "
        "passivetotal.log." % incident,
        INTERNAL,
    )


def _batch_call(request: Request, account: memory.Account, item: str) -> Dict[str, Any]:
    """One call of a batch: ``pt/<path>?<query>`` or ``open/<provider>/<operation>?<query>``, answered exactly as
    the same GET would be (reply status and payload), its memory counted on the batch's ``account``."""
    with memory.tab(account) as tab:
        reply = _batch_reply(request, item)
        tab.close(succeeded=reply["status"] < 400)
    return {"status": reply["status"], "body": reply["payload"]}


def _batch_reply(request: Request, item: str) -> Dict[str, Any]:
    try:
        path, _, query_text = item.partition("?")
        pairs = urllib.parse.parse_qsl(query_text, keep_blank_values=True)
        head, _, rest = path.partition("/")
        if head == "pt":
            reply = _call(request, pt_operation(rest), pairs, in_batch=True)
        elif head == "open":
            reply = _call(request, open_operation(rest), pairs, in_batch=True)
        else:
            raise refuse("a batch carries only pt/ and open/ calls, not %s" % shown(path))
    except ProxyError as error:
        reply = error_reply(error.status, logs.redact(error.text), error.code, error.extra)
        forget_frames(error)
    except Exception as error:  # pylint: disable=broad-exception-caught  # one failed call is its 500, not the batch's
        reply = internal_error("internal error in a batch call")
        forget_frames(error)
    return reply


def batch(request: Request, _rest: str) -> Dict[str, Any]:
    """``GET batch?r=<call>&r=<call>...``: several pt/ and open/ GETs in one request, run side by side, so a page
    that needs fifteen datasets is not held back by the browser's six connections per host. The answer lists
    each call's status and body in the order given."""
    pairs = request.query()
    calls = [value for name, value in pairs if name == "r"]
    unknown = sorted(set(name for name, _ in pairs if name != "r" and name not in IGNORED_PARAMS))
    if unknown:
        raise refuse("parameter %s is not accepted by batch (accepted: r)" % shown(unknown[0]))
    if not calls:
        raise refuse("a batch needs at least one call: batch?r=pt/<path>?<query>")
    if len(calls) > BATCH_MAX_CALLS:
        raise refuse("a batch carries at most %d calls" % BATCH_MAX_CALLS)
    request.context()  # the settings, read once for every call (a 503 here fails the batch as a whole)
    account = memory.Account()
    with ThreadPoolExecutor(max_workers=min(BATCH_THREADS, len(calls))) as pool:
        answers: List[Dict[str, Any]] = list(pool.map(lambda item: _batch_call(request, account, item), calls))
    return json_reply({"responses": answers})


def quota(request: Request, _rest: str) -> Dict[str, Any]:
    """``GET quota``: PassiveTotal's quota operation, summarised. Kept a minute in the shared cache: every page load
    shows the quota, and reloading a page or opening it in a second tab must not cost an upstream call. ``usage``:
    the user's own PassiveTotal lookups today against ``[api] calls_per_user_per_day``, read fresh every time."""
    profile = PROFILES[PASSIVETOTAL]
    operation = profile.operations[profile.quota_operation]
    query = validate(operation, ())
    ctx = request.context()
    ttl = QUOTA_CACHE_SECONDS if ctx.settings.cache_enabled else 0
    answer = pipeline.answer(ctx, operation, query, ttl)
    limit = ctx.provider(profile).calls_per_user_per_day
    used = allowance.usage(ctx.system, ctx.user, profile.id, limit, ctx.clock())
    return success(
        answer, operation, query, quota=quota_words.summarize(answer.data), usage=used.as_json() if used else None
    )


def check(request: Request, _rest: str) -> Dict[str, Any]:
    """``GET check[?provider=<id>]``: the provider's cheap fixed query (PassiveTotal's: who the credentials are)."""
    named = [value for name, value in request.query() if name == "provider"]
    if len(named) > 1:
        raise refuse("parameter provider is given more than once")
    provider_id = named[0] if named else PASSIVETOTAL
    if provider_id not in PROFILES:
        raise unknown_provider(provider_id)
    return json_reply(pipeline.check(request.context(), PROFILES[provider_id]))
