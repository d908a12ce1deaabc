"""The Python checks of `npm test` (scripts/test.ts): flake8, mypy and pylint on the app's Python, and the handler
tests on every other Python 3 of the versions the app supports that this machine has.

    python3 scripts/python_checks.py flake8|mypy|pylint|versions

The tools are Debian's packages (python3-flake8, mypy, pylint), which .ci/run installs; their settings are in
setup.cfg. A tool that is missing fails its step and says how to install it.
"""

import os
import re
import shutil
import subprocess
import sys
from typing import List, Optional, Tuple

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SUPPORTED = [(3, 9), (3, 10), (3, 11), (3, 12), (3, 13)]
# flake8 holds the style of every Python file of the repository; mypy and pylint hold the shipped code, bin/.
FLAKE8_PATHS = ["bin", "tests/python", "packages/devserver/python", "scripts"]
TYPED_PATHS = ["bin", "scripts/python_checks.py"]
TEST_DIRS = ["tests/python", "packages/devserver/python/tests"]
INSTALL = {
    "flake8": "apt-get install -y python3-flake8",
    "mypy": "apt-get install -y mypy",
    "pylint": "apt-get install -y pylint",
}


def _missing(tool: str) -> int:
    print("FAILED: %s is not installed on this machine; %s (.ci/run installs it)." % (tool, INSTALL[tool]))
    return 1


def _python_with(module: str) -> Optional[str]:
    """A Python that can import ``module``: this one, else Debian's, where apt-get puts the tools' modules."""
    for python in (sys.executable, "/usr/bin/python3"):
        if python and os.path.exists(python):
            probe = subprocess.run([python, "-c", "import " + module], capture_output=True, check=False)
            if probe.returncode == 0:
                return python
    return None


def _run(title: str, command: List[str], env: Optional[dict] = None) -> int:
    print("$ " + " ".join(command), flush=True)
    code = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
    if code != 0:
        print("FAILED: %s found problems (above); fix them in the code, see setup.cfg for the rules." % title)
    else:
        print("ok: %s" % title)
    return code


def flake8() -> int:
    python = _python_with("flake8")
    if python is None:
        return _missing("flake8")
    return _run("flake8 (style, unused imports and names, complexity)", [python, "-m", "flake8"] + FLAKE8_PATHS)


def mypy() -> int:
    tool = shutil.which("mypy")
    if tool is None:
        return _missing("mypy")
    # Typeshed knows which standard library names each version has: on 3.9 nothing newer may be used, on 3.13
    # nothing that is gone by then.
    status = 0
    for version in ("3.9", "3.13"):
        status |= _run("mypy --python-version %s (types, unreachable code)" % version,
                       [tool, "--python-version", version] + TYPED_PATHS)
    return status


def pylint() -> int:
    tool = shutil.which("pylint")
    if tool is None:
        return _missing("pylint")
    # bin/ and the test fake of Splunk's own modules are what splunkd's Python has on its path.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.path.join(ROOT, "bin"),
                                                       os.path.join(ROOT, "tests", "python", "fakes")]))
    return _run("pylint (common bugs)", [tool, "--recursive=y", "--score=n", "bin"], env=env)


def _version_of(python: str) -> Optional[Tuple[int, int]]:
    try:
        probe = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                               capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.fullmatch(r"(\d+)\.(\d+)\s*", probe.stdout) if probe.returncode == 0 else None
    return (int(found.group(1)), int(found.group(2))) if found else None


def _candidates(version: Tuple[int, int]) -> List[str]:
    """``python3.X`` on PATH, then the interpreters of a pyenv installation (its shims answer only for the version
    pyenv has chosen, so its own folders are asked too)."""
    name = "python%d.%d" % version
    found = [p for p in [shutil.which(name)] if p]
    pyenv_root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    versions = os.path.join(pyenv_root, "versions")
    if os.path.isdir(versions):
        for folder in sorted(os.listdir(versions)):
            if folder.startswith("%d.%d." % version):
                found.append(os.path.join(versions, folder, "bin", name))
    return found


def versions() -> int:
    """The handler tests on every supported Python other than this one that the machine has."""
    own = sys.version_info[:2]
    ran: List[str] = []
    missing: List[str] = []
    failed: List[str] = []
    passed_total = failed_total = 0
    for version in SUPPORTED:
        label = "%d.%d" % version
        if version == own:
            continue
        python = next((p for p in _candidates(version) if _version_of(p) == version), None)
        if python is None:
            missing.append(label)
            continue
        for folder in TEST_DIRS:
            print("\n--- Python %s (%s): %s ---" % (label, python, folder), flush=True)
            done = subprocess.run([python, "-m", "unittest", "discover", "-s", folder], cwd=ROOT, capture_output=True,
                                  text=True, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"), check=False)
            output = done.stdout + done.stderr
            print(output[-4000:] if done.returncode else output.strip().splitlines()[-1])
            counted = re.search(r"^Ran (\d+) tests?", output, re.M)
            bad = sum(int(n) for n in re.findall(r"(?:failures|errors)=(\d+)", output))
            if done.returncode != 0:
                bad = max(bad, 1)
                failed.append("%s %s" % (label, folder))
            passed_total += (int(counted.group(1)) if counted else 0) - (bad if counted else 0)
            failed_total += bad
        ran.append(label)
    print("\nPython %d.%d runs the handler tests in their own step." % own)
    print("Other versions that ran: %s" % (", ".join(ran) or "none"))
    print("Not available on this machine: %s" % (", ".join(missing) or "none"))
    if failed:
        print("FAILED on: %s" % "; ".join(failed))
    print("%d passed, %d failed" % (passed_total, failed_total))
    return 1 if failed else 0


def main(argv: List[str]) -> int:
    checks = {"flake8": flake8, "mypy": mypy, "pylint": pylint, "versions": versions}
    if len(argv) != 2 or argv[1] not in checks:
        print("usage: python3 scripts/python_checks.py %s" % "|".join(checks))
        return 2
    return checks[argv[1]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
