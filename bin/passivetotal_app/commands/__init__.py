"""The app's search commands (``| ptpdns``, ``| ptenrich`` ...): commands.conf runs one small entry script per
command in bin/ (``passivetotal_<command>.py``), and they all share this package.

The commands never talk to PassiveTotal or an open provider themselves: they call the app's own REST endpoint on
splunkd with the search's session key, so the capabilities, the cache, the rate and quota limits, the provider
choice and the error codes are exactly those of the investigation page (README.md, "Search commands").
"""
