"""The PassiveTotal for Splunk REST handler package.

Standard library only; runs on the Python versions Splunk ships (3.9 to 3.13). The persistent REST
handler that splunkd loads (see default/restmap.conf) imports this package after putting bin/ on
sys.path.
"""

APP_NAME = "passivetotal"
APP_VERSION = "2.0.0"
