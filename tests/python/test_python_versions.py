"""Every Python file the app ships must parse as Python 3.9, the oldest version Splunk 9.x/10.x runs."""

import ast
import os
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
PYTHON_DIRS = ["bin", os.path.join("tests", "python")]


def python_files() -> list:
    found = []
    for top in PYTHON_DIRS:
        for folder, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            found.extend(os.path.join(folder, f) for f in files if f.endswith(".py"))
    return sorted(found)


class Python39SyntaxTest(unittest.TestCase):
    def test_there_are_python_files_to_check(self) -> None:
        self.assertTrue(any(os.sep + "bin" + os.sep in f for f in python_files()))

    def test_every_python_file_parses_as_python_3_9(self) -> None:
        for path in python_files():
            with self.subTest(path=os.path.relpath(path, ROOT)):
                with open(path, encoding="utf-8") as handle:
                    ast.parse(handle.read(), filename=path, feature_version=(3, 9))

    def test_the_check_rejects_syntax_newer_than_3_9(self) -> None:
        newer = "match x:\n    case 1:\n        pass\n"
        with self.assertRaises(SyntaxError):
            ast.parse(newer, feature_version=(3, 9))


if __name__ == "__main__":
    unittest.main()
