"""A cache beside mkdocs.yml (`.paperboy-cache/`) so that a day with nothing new does nothing.

- `records.pickle`: parsed records keyed by file name and (mtime, size): an unchanged record is
  never parsed again.
- `renders.pickle`: each paper's card and page fragment as last rendered, keyed by a digest
  of the records they show, valid for one config and one version of the code.
- `state.json`: a fingerprint of everything `generate` reads (record stats, config, digest log,
  the generator's own files) and the stats of every file it wrote. When both still match,
  `generate` writes nothing and renders nothing.

Only speed depends on it: a missing, stale or corrupt cache means a full run. Delete the
folder whenever you like. Never committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from ..models import Paper

CACHE_DIR = ".paperboy-cache"
_PACKAGE = Path(__file__).resolve().parent.parent  # the whole generator package


def stat_key(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def code_fingerprint() -> str:
    """Changes whenever the generator's code or templates change (so do its outputs)."""
    parts = sorted(
        (p.relative_to(_PACKAGE).as_posix(), *stat_key(p))
        for p in _PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".j2")
    )
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def file_fingerprint(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "-"


@dataclass
class Cache:
    root: Path

    @classmethod
    def beside(cls, config_file: Path) -> Cache:
        return cls(config_file.resolve().parent / CACHE_DIR)

    def write(self, name: str, data: bytes) -> None:
        from .store import write_atomic  # the store's atomic write; imported late (store uses us)

        try:
            write_atomic(self.root / name, data, durable=False)
        except Exception:  # noqa: BLE001 - a cache that cannot be written only costs speed
            pass

    # --- parsed records -----------------------------------------------------------------------

    def load_records(self) -> dict[str, tuple[tuple[int, int], Paper]]:
        try:
            with open(self.root / "records.pickle", "rb") as handle:
                data = pickle.load(handle)  # noqa: S301 - our own file, beside our own config
            return data if isinstance(data, dict) else {}
        except Exception:  # noqa: BLE001 - missing or corrupt: parse everything
            return {}

    def save_records(self, records: dict[str, tuple[tuple[int, int], Paper]]) -> None:
        self.write("records.pickle", pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))

    # --- HTML rendered for single papers (pages.RenderMemo) ------------------------------------

    def load_renders(self, fingerprint: str) -> dict[str, str]:
        """What the last run rendered, if it rendered with the same config and code."""
        try:
            with open(self.root / "renders.pickle", "rb") as handle:
                data = pickle.load(handle)  # noqa: S301 - our own file, beside our own config
            return data["renders"] if data.get("fingerprint") == fingerprint else {}
        except Exception:  # noqa: BLE001 - missing or corrupt: render everything
            return {}

    def save_renders(self, fingerprint: str, renders: dict[str, str]) -> None:
        self.write("renders.pickle", pickle.dumps({"fingerprint": fingerprint, "renders": renders},
                                                   protocol=pickle.HIGHEST_PROTOCOL))

    # --- the last generate's inputs and outputs -----------------------------------------------

    def unchanged(self, fingerprint: str, roots: dict[str, Path]) -> dict | None:
        """The saved state when the inputs are the same and every output is still as written."""
        try:
            state = json.loads((self.root / "state.json").read_text())
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict) or state.get("fingerprint") != fingerprint:
            return None
        try:
            for root_name, files in state["outputs"].items():
                base = roots[root_name]
                for relative, (mtime_ns, size) in files.items():
                    st = os.stat(base / relative)
                    if st.st_mtime_ns != mtime_ns or st.st_size != size:
                        return None
        except (OSError, KeyError, TypeError, ValueError):
            return None
        return state

    def save_state(self, fingerprint: str, roots: dict[str, Path], outputs: dict[str, list[str]], extra: dict) -> None:
        stats = {
            name: {relative: list(stat_key(roots[name] / relative)) for relative in files}
            for name, files in outputs.items()
        }
        self.write("state.json", json.dumps({"fingerprint": fingerprint, "outputs": stats, **extra}).encode())
