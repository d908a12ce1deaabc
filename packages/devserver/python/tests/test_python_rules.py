"""The project's Python rules for the driver, the shim, these tests, the example handlers and the test
search commands: every file parses as Python 3.9 and every function has type hints."""

import ast
import os
import unittest
from typing import List

import support

HANDLER_EXAMPLES = os.path.join(support.PYTHON_DIR, "..", "src", "handler", "test-handlers")
TEST_COMMANDS = os.path.join(support.PYTHON_DIR, "..", "src", "search-commands", "test-app", "bin")


def python_files() -> List[str]:
    found = []
    for top in (support.PYTHON_DIR, os.path.normpath(HANDLER_EXAMPLES), os.path.normpath(TEST_COMMANDS)):
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            found.extend(os.path.join(folder, f) for f in files if f.endswith(".py"))
    return sorted(found)


def untyped_functions(tree: ast.AST) -> List[str]:
    missing = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            args += [a for a in (node.args.vararg, node.args.kwarg) if a is not None]
            unannotated = [a.arg for a in args if a.annotation is None and a.arg not in ("self", "cls")]
            if node.returns is None or unannotated:
                missing.append("%s line %d" % (node.name, node.lineno))
    return missing


class PythonRulesTest(unittest.TestCase):
    def test_files_are_found(self) -> None:
        names = [os.path.basename(f) for f in python_files()]
        self.assertIn("persistconn_driver.py", names)
        self.assertIn("echo_handler.py", names)
        self.assertIn("standin_chunks.py", names)

    def test_every_file_parses_as_python_3_9_and_is_fully_typed(self) -> None:
        for path in python_files():
            with self.subTest(path=path):
                with open(path, encoding="utf-8") as handle:
                    tree = ast.parse(handle.read(), filename=path, feature_version=(3, 9))
                self.assertEqual(untyped_functions(tree), [])


if __name__ == "__main__":
    unittest.main()
