"""The Hub's answers, as records (pure: bytes in, records out).

An answer is a list of repositories in the layout `huggingface_hub` documents for `ModelInfo`,
`DatasetInfo` and `SpaceInfo` (`id`, `downloads`, `likes`, `pipeline_tag`, `library_name`,
`tags`, `gated`, `createdAt`, `lastModified`, `safetensors: {parameters: {dtype: n}, total}`,
`gguf: {total, architecture}`). Everything in it is hostile: a repo id that is not one is
dropped and named; a missing or odd field degrades to unknown; a number or date outside the
bounds of generator/releases.py is dropped with a warning naming the repository.

Sizes (DESIGN.md, "things that are true of this stack"): `safetensors.total` counts packed
4-bit weights as stored (AWQ and GPTQ pack eight weights in an I32, MLX in a U32,
bitsandbytes two in a U8), so a count with packed dtypes is not the model's; a GGUF repo
carries its own count; an official instruct model is tagged `base_model:finetune:` of its own
base, so a relation says how a model is made, not by whom.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ...errors import SourceError
from ...releases import (
    FIRST_DAY, MAX_DOWNLOADS, MAX_LIKES, MAX_PARAMS, MIN_PARAMS, RELATIONS, REPO_ID, WORD, Repo, size_in_name,
)
from ..hf import decode_json

PACKED = frozenset({"I32", "U32", "U8", "I4", "U4"})
"""Safetensors dtypes that hold packed quantized weights: a count with them is not the model's."""
SAID = (("gguf", ("gguf",)), ("mlx", ("mlx",)), ("awq", ("awq",)), ("gptq", ("gptq",)),
           ("bitsandbytes", ("bitsandbytes", "4-bit", "8-bit")))
"""A format (generator/releases.py: FORMATS) and the tags (or `library_name`) that say it, in
the order they are tried."""


@dataclass(frozen=True)
class Parsed:
    """What one answer held."""

    repos: list[Repo]
    warnings: list[str]
    """One line per item or field left out, naming the repository and why."""


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and value >= 0 else None


def _day(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def counted(safetensors: object, gguf: object, packs: bool = False) -> tuple[int | None, str]:
    """Parameters as the Hub counts them, when the count is the model's: GGUF's total, or the
    safetensors total when no packed dtype holds more than 1 % of it (when the Hub gives no
    count by dtype, only if the format does not pack: `packs`); and why not, if not."""
    if isinstance(gguf, dict) and (_whole(gguf.get("total")) or 0) > 0:
        return _whole(gguf.get("total")), ""
    if not isinstance(safetensors, dict):
        return None, ""
    total = _whole(safetensors.get("total"))
    if not total:
        return None, ""
    by_dtype = safetensors.get("parameters")
    if isinstance(by_dtype, dict):
        packed = sum(_whole(n) or 0 for dtype, n in by_dtype.items() if str(dtype).upper() in PACKED)
        if packed > 0.01 * total:
            return None, "packed"
    elif packs:
        return None, "packed"
    return total, ""


def _relation(tags: list[str]) -> tuple[str, str]:
    """(relation, base) from `base_model:<relation>:<owner/name>` tags, the first relation of
    RELATIONS that has a well-formed base."""
    for relation in RELATIONS:
        for tag in tags:
            prefix = f"base_model:{relation}:"
            if tag.startswith(prefix) and REPO_ID.fullmatch(tag[len(prefix):]):
                return relation, tag[len(prefix):]
    return "", ""


def _format(tags: list[str], library: object, gguf: object) -> str:
    words = {t.lower() for t in tags} | ({library.lower()} if isinstance(library, str) else set())
    if isinstance(gguf, dict):
        words.add("gguf")
    return next((name for name, said in SAID if words & set(said)), "")


def parse_repo(item: object, kind: str, today: dt.date) -> tuple[Repo, list[str]]:
    """One repository of an answer and the warnings about its fields; SourceError naming it when
    it is not one."""
    if not isinstance(item, dict):
        raise SourceError(f"an item that is not an object ({type(item).__name__})")
    repo_id = item.get("id")
    if not isinstance(repo_id, str) or not REPO_ID.fullmatch(repo_id):
        shown = repo_id[:60] if isinstance(repo_id, str) else type(repo_id).__name__
        raise SourceError(f"not a repository id: {shown!r}")
    warnings: list[str] = []

    def bounded(name: str, value: int | None, upper: int) -> int:
        if value is not None and value > upper:
            warnings.append(f"{repo_id}: {name} {value:.3g} is out of range, left out")
            return 0
        return value or 0

    def dated(name: str, value: object) -> dt.date | None:
        day = _day(value)
        if day is not None and not FIRST_DAY <= day <= today + dt.timedelta(days=1):
            warnings.append(f"{repo_id}: {name} {day.isoformat()} is out of range, left out")
            return None
        return day

    raw_tags = item.get("tags")
    tags = [t for t in raw_tags if isinstance(t, str) and len(t) < 200] if isinstance(raw_tags, list) else []
    licenses = [t[8:] for t in tags if t.startswith("license:") and WORD.fullmatch(t[8:])]
    task, gated = item.get("pipeline_tag"), item.get("gated")
    relation, base = _relation(tags) if kind == "models" else ("", "")
    params, size, fmt = None, "", ""
    if kind == "models":
        fmt = _format(tags, item.get("library_name"), item.get("gguf"))
        packs = fmt in ("awq", "gptq", "mlx") or (fmt == "bitsandbytes" and "4-bit" in tags)
        params, _ = counted(item.get("safetensors"), item.get("gguf"), packs)
        if params is not None and not MIN_PARAMS <= params <= MAX_PARAMS:
            warnings.append(f"{repo_id}: {params:.3g} parameters is out of range, left out")
            params = None
        size = size_in_name(repo_id) or (size_in_name(base) if base else "")
    repo = Repo(
        repo_id=repo_id, downloads=bounded("downloads", _whole(item.get("downloads")), MAX_DOWNLOADS),
        likes=bounded("likes", _whole(item.get("likes")), MAX_LIKES),
        params=params, size=size, relation=relation, base=base, format=fmt,
        task=task if isinstance(task, str) and WORD.fullmatch(task) else "",
        license=licenses[0] if licenses else "",
        gated=(gated in ("auto", "manual", True)) if gated in ("auto", "manual", True, False) else None,
        created=dated("createdAt", item.get("createdAt")), modified=dated("lastModified", item.get("lastModified")),
    )
    return repo, warnings


def parse_repos(data: bytes, kind: str, origin: str, today: dt.date) -> Parsed:
    """An answer's repositories and one line per item or field left out; SourceError when the
    answer is not a list of repositories at all (an HTML error page, truncated JSON)."""
    items = decode_json(data, origin)
    if not isinstance(items, list):
        raise SourceError(f"{origin}: expected a list of repositories, got {type(items).__name__}")
    repos, warnings = [], []
    for number, item in enumerate(items, start=1):
        try:
            repo, notes = parse_repo(item, kind, today)
        except SourceError as exc:
            warnings.append(f"{origin}: item {number} left out: {exc}")
            continue
        repos.append(repo)
        warnings += notes
    return Parsed(repos, warnings)


def with_base_counts(repos: list[Repo]) -> list[Repo]:
    """A quantization whose own count is not the model's takes its base model's, when the base
    is among the repositories found (the authors' own checkpoint, typically)."""
    counts = {repo.repo_id: repo.params for repo in repos if repo.params is not None}
    return [repo if repo.params is not None or repo.relation != "quantized" or repo.base not in counts
            else replace(repo, params=counts[repo.base]) for repo in repos]
