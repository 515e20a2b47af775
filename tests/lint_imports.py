"""Run the import-linter contracts (`[tool.importlinter]` in pyproject.toml): `make test` runs this.

`flows/`, `transforms/`, … install as `newsetl.flows`, `newsetl.transforms`, … through
setuptools' `package-dir`, but import-linter finds a package's modules by walking its folder,
so from the repository it would see only `newsetl/`. This builds a throw-away folder whose
`newsetl/` links every folder under its import name (read from `package-dir`) and runs
`lint-imports` there, with the repository's pyproject.toml; arguments are passed on.
"""

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Link the installed layout into a temporary folder and run `lint-imports` from it."""
    pyproject = ROOT / "pyproject.toml"
    package_dir = tomllib.loads(pyproject.read_text())["tool"]["setuptools"]["package-dir"]
    with tempfile.TemporaryDirectory(prefix="newsetl-lint-imports-") as view:
        root = Path(view) / "newsetl"
        root.mkdir()
        for entry in (ROOT / package_dir["newsetl"]).iterdir():
            (root / entry.name).symlink_to(entry)
        for name, folder in package_dir.items():
            if name != "newsetl":
                (root / name.removeprefix("newsetl.")).symlink_to(ROOT / folder)
        command = [str(Path(sys.executable).parent / "lint-imports"), str(pyproject)]
        return subprocess.run([*command, "--no-cache", *sys.argv[1:]], cwd=view).returncode


if __name__ == "__main__":
    sys.exit(main())
