"""Test-only stand-in for Splunk's ``splunk.persistconn`` package (see ``application``)."""
