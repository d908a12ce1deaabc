"""The providers' part of the ``status`` and ``setup`` answers: one entry per open provider, in catalogue order,
the providers' order per group (``datasetOrder``), and PassiveTotal's credential in the setup answer."""

from typing import Any, Dict, List, Mapping, Optional

from .credentials import Credential
from .profiles import OPEN_IDS, PASSIVETOTAL, PROFILES
from .settings import ProviderSettings, Settings


def _whole(value: float) -> Any:
    return int(value) if float(value).is_integer() else value


def provider_states(settings: Settings, keys: Mapping[str, Credential], detail: bool) -> List[Dict[str, Any]]:
    """One entry per open provider. ``configured``: usable as far as keys go (keyless, optional key, or a required
    key stored, and a stored key entered for the host its address names now); ``keyStored``: a key is stored
    (``keys`` by provider id); ``ready``: enabled, configured, valid settings. ``detail`` (setup, admins) adds the
    settings, the settings error, a basic-auth username, the host the key was entered for and, when that is not
    the address's host any more, why (``keyHostError``). Never a key."""
    states: List[Dict[str, Any]] = []
    for provider_id in OPEN_IDS:
        profile = PROFILES[provider_id]
        provider = settings.providers[provider_id]
        stored = keys.get(provider_id)
        elsewhere = provider.key_host_error(profile) if stored is not None else ""
        configured = (profile.key != "required" or stored is not None) and not elsewhere
        entry: Dict[str, Any] = {
            "id": provider_id,
            "label": profile.label,
            "enabled": provider.enabled,
            "key": profile.key,
            "keyStored": stored is not None,
            "configured": configured,
            "ready": provider.enabled and configured and not provider.error,
            "datasets": list(profile.groups()),
            "operations": list(profile.operations),
            "note": profile.note,
        }
        if detail:
            entry["username"] = stored.username if stored is not None and profile.basic else None
            entry["settings"] = {
                "urlKey": profile.url_setting,
                "baseUrl": provider.base_url,
                "rateLimitPerMinute": provider.rate_limit_per_minute,
                "callsPerUserPerDay": provider.calls_per_user_per_day,
                "ttlSeconds": provider.ttl_seconds,
                "timeoutSeconds": _whole(provider.timeout_seconds),
            }
            entry["settingsError"] = provider.error or None
            entry["keyHost"] = provider.key_host if stored is not None else None
            entry["keyHostError"] = elsewhere + "." if elsewhere else None
        states.append(entry)
    return states


def credential_json(settings: ProviderSettings, credential: Optional[Credential]) -> Dict[str, Any]:
    """PassiveTotal's credential in the setup answer: whether one is stored, its username, the host it was entered
    for, and, when ``base_url`` names another host now, why it is not used (never the key)."""
    problem = settings.key_host_error(PROFILES[PASSIVETOTAL]) if credential else ""
    return {
        "configured": credential is not None,
        "username": credential.username if credential else None,
        "keyHost": settings.key_host if credential else None,
        "keyHostError": problem + "." if problem else None,
    }


def order_json(order: Mapping[str, Any]) -> Dict[str, List[str]]:
    """``datasetOrder`` of the status and setup answers."""
    return {group: list(ids) for group, ids in order.items()}
