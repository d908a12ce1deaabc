"""Which providers answer which dataset, how each is asked through the endpoint, and how their answers merge.

The investigation page's rules (packages/core/src/providers/composite.ts, passivetotal-provider.ts and
open/open-provider.ts): the endpoint's ``status`` says whether PassiveTotal is configured, which open providers are
ready and the order of the providers per dataset group (``[datasets] order.<group>``). A dataset of a group is asked
of every ready provider in the group's order that offers it for the indicator's type; datasets outside the groups
(unique resolutions, certificate history, trackers ...) only PassiveTotal answers. The answers merge as on the page:
resolutions by value, answer and record type (sources united, earliest first seen, latest last seen); other lists
in order with duplicates dropped; rows keep the provider that gave them. Providers that failed while others
answered are problems beside the data.

This module gathers them; they live by what they hold: sources (the providers and what ``status`` says), asks (how
each is asked), problems (failures and their words), progress (one provider's ask against its answers) and merging.
"""

from .asks import Ask, TimeParams, asks, would_fill
from .merging import Merged, merge
from .problems import Problem, classify, problem_words, unsupported
from .progress import Outcome, Progress
from .sources import (
    DATASET_WORDS,
    DEFAULT_ORDER,
    GROUPS,
    GROUP_OF,
    HOSTS,
    LABELS,
    PASSIVETOTAL,
    Sources,
    sources_from_status,
)

__all__ = [
    "Ask",
    "DATASET_WORDS",
    "DEFAULT_ORDER",
    "GROUPS",
    "GROUP_OF",
    "HOSTS",
    "LABELS",
    "Merged",
    "Outcome",
    "PASSIVETOTAL",
    "Problem",
    "Progress",
    "Sources",
    "TimeParams",
    "asks",
    "classify",
    "merge",
    "problem_words",
    "sources_from_status",
    "unsupported",
    "would_fill",
]
