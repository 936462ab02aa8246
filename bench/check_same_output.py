"""Check that two Herald source trees print byte-identical `herald format` output.

For a change that must not change what Herald prints (start-up work, refactors): run
`herald format` from tree A and from tree B on every article in examples/ and the test fixtures
(or the files given), as plain output, ``--explain``, ``--json`` and styled as on a terminal
(FORCE_COLOR), and compare stdout, stderr and the exit code byte for byte. Each tree is put
first on PYTHONPATH, so a copy of a commit (``git archive HEAD | tar -x -C /tmp/base``) runs with
this venv's dependencies; compare copies, as the shared tree has others' unfinished work.

    .venv/bin/python bench/check_same_output.py /tmp/base /tmp/after [FILE ...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATTERNS = ("examples/*", "tests/fixtures/articles/*", "tests/condense/fixtures/*")
VARIANTS: tuple[tuple[tuple[str, ...], dict[str, str]], ...] = (
    ((), {}),
    (("--explain",), {}),
    (("--json",), {}),
    (("--platform", "x", "--mode", "thread"), {}),
    (("--explain",), {"FORCE_COLOR": "1", "COLUMNS": "100"}),
)
PROBE = "import sys\nfrom scheduler.cli.main import cli\nsys.argv[0] = 'herald'\ncli()\n"


def articles(given: list[str]) -> list[Path]:
    if given:
        return [Path(name) for name in given]
    return sorted(path for pattern in PATTERNS for path in ROOT.glob(pattern) if path.is_file())


def run(tree: Path, argv: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """``herald ARGV`` with ``tree``'s packages first on the path."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        env={**env, "PYTHONPATH": str(tree)},
        cwd=env["HERALD_DATA_DIR"],  # not the checkout: "" heads sys.path under -c
        capture_output=True,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    different = 0
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "HERALD_CONFIG": os.devnull, "HERALD_DATA_DIR": tmp}
        for path in articles(args.files):
            for variant, extra in VARIANTS:
                argv = ["format", str(path.resolve()), *variant]
                same = run(args.a, argv, env | extra) == run(args.b, argv, env | extra)
                different += not same
                print(f"{'same' if same else 'DIFFERENT'}  {' '.join(argv)} {extra or ''}")
    print(f"{different} different")
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
