"""Shared helpers: puts the driver and the splunk shim on sys.path, writes handler scripts to temp dirs."""

import os
import sys
import tempfile
import textwrap
import unittest

PYTHON_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DRIVER = os.path.join(PYTHON_DIR, "persistconn_driver.py")
if PYTHON_DIR not in sys.path:
    sys.path.insert(0, PYTHON_DIR)

HANDLER_HEADER = """
import json
from typing import Any, List, Optional
from splunk.persistconn.application import PersistentServerConnectionApplication
"""


class ScriptDirTestCase(unittest.TestCase):
    """A test case with a fresh temporary folder for handler scripts."""

    def setUp(self) -> None:
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = self._tmp.name

    def tearDown(self) -> None:
        self._tmp.cleanup()

    def write_script(self, name: str, body: str, header: bool = True) -> str:
        """Writes ``name`` (dedented, with the usual imports unless ``header`` is false); returns its path."""
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write((HANDLER_HEADER if header else "") + textwrap.dedent(body))
        return path
