"""What the curator reads: the papers to decide and why (as terminal text, and as the daily list
on GitHub), and on GitHub the reply to a comment and the commit of its labels.

Pure: records in (generator/curator/), text out. For GitHub, the Markdown is built so that
everything that came from outside (a title, a term of an abstract, a reason typed in a comment)
goes into the text as a code span, the one place where GitHub renders text exactly as it is: no
@mention (nobody is notified), no #123 or URL autolink, no link, image or HTML, and nothing that
ends the list. An escaping scheme for GitHub's Markdown would have to know its post-processing
too (mentions, issue references, emoji), which no parser shows; a code span needs none of it.
Checked with cmark-gfm, GitHub's own parser (tests/test_curator_comments.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from ..models import Compact, Paper, clean_text
from ..topic.commands import NEEDS_WHY, VERBS
from ..topic.decide import Decision
from ..topic.labels import Label
from ..urls import arxiv_abs

_BACKTICKS = re.compile(r"`+")


def code(text: str) -> str:
    """`text` as one inline code span, shown exactly as it is whatever it holds.

    CommonMark: a span opened by N backticks ends at the next run of exactly N, so the fence is
    one longer than the longest run inside; a space pads text that starts or ends with a backtick
    (one space each side is stripped again). Line breaks would end a list item: they become spaces;
    control and format characters (a NUL, a right-to-left override) go, as in every stored text.
    """
    text = clean_text(text) or " "
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    if text[0] == "`" or text[-1] == "`":
        text = f" {text} "
    return f"{fence}{text}{fence}"


class Reviewed(Protocol):
    """A paper put before the curator (generator/curator/review.py: Explained has these)."""

    paper: Paper
    decision: Decision
    terms: tuple[tuple[str, float], ...]


def terms_text(terms: Sequence[tuple[str, float]]) -> str:
    """The terms that weighed most, with their signed weight: "small +1.20, diffusion -0.80"."""
    return ", ".join(f"{term} {weight:+.2f}" for term, weight in terms)


def _score(decision: Decision) -> str:
    return "-" if decision.score is None else f"{decision.score:.2f}"


def _state(decision: Decision) -> str:
    return "published" if decision.kept else "not published"


def changed(before: Label | None) -> str:
    """What a label replaced, in two words: "was off", or "new"."""
    return f"was {before.verdict}" if before else "new"


def review_text(items: Sequence[Reviewed], *, days: int, model_note: str) -> str:
    """The papers to decide, for a terminal (`paperboy review`): what each is, its score, whether
    it is published and the terms that weighed most; how to label them."""
    lines = [f"{len(items)} unlabelled papers of the last {days} days whose label would most likely "
             f"change what is published, first (model {model_note}); label each with "
             "`paperboy label ID on|off --why TEXT`:"]
    for item in items:
        paper, decision = item.paper, item.decision
        lines.append(f"\n{paper.arxiv_id}  score {_score(decision)}  {_state(decision)}  {paper.day}\n"
                     f"  {paper.title}\n  terms: {terms_text(item.terms) or '-'}")
    return "\n".join(lines) + "\n"


def check_header(*, model_note: str, threshold: float, arxiv_threshold: float, published: int, papers: int) -> str:
    """The first line of `paperboy check --topic`: the model and the thresholds."""
    return (f"model: {model_note}; threshold {threshold:.2f} (arXiv only {arxiv_threshold:.2f}); "
            f"{published} of {papers} papers published\n")


def compact_text(arxiv_id: str, entry: Compact) -> str:
    """A paper kept compact, asked about: how it was judged and what to do to judge it again."""
    return (f"{arxiv_id}  not published  score {entry.score:.2f} (model {entry.model}), kept compact: no text "
            "to judge again; label it and the next fetch looks it up on arXiv\n")


def explained_text(item: Reviewed) -> str:
    """One paper's decision for `paperboy check --topic`: score, why, and the terms."""
    paper, decision = item.paper, item.decision
    return (f"{paper.arxiv_id}  {_state(decision)}  score {_score(decision)}\n"
            f"  {paper.title}\n  why: {decision.reason}\n  terms: {terms_text(item.terms) or '-'}\n")


def how_to_decide() -> str:
    """The commands a comment may hold, one a line."""
    forms = [f"`/{verb} ID{' why' if verb in NEEDS_WHY else ' [why]'}`" for verb in VERBS]
    return (f"Decide with a comment on this issue, one command a line: {', '.join(forms)} "
            "(the why in a few words; `off` and `borderline` need one). Only people with write access "
            "to this repository decide; a label always beats the model, and the site is "
            "rebuilt with it.")


def review_markdown(items: Sequence[Reviewed], *, threshold: float, model_note: str) -> str:
    """The daily list: each paper's id, score, whether it is published, why, its title and its
    arXiv link, the ready-made commands, and how to decide. Empty text for no papers."""
    if not items:
        return ""
    lines = [
        f"The {len(items)} unlabelled papers the topic model is least sure about "
        f"(threshold {threshold:.2f}; model {code(model_note)}), the most informative first.",
        "",
        how_to_decide(),
        "",
    ]
    for number, item in enumerate(items, start=1):
        paper, decision = item.paper, item.decision
        day = f" · {paper.day.isoformat()}" if paper.day else ""
        # The one-line reason: the terms that weighed most, unless something other than the
        # score decided (a pattern), which then says so.
        by_score = decision.score is not None and decision.kept == (decision.score >= threshold)
        terms = terms_text(item.terms[:6])
        why = f"terms {code(terms)}" if by_score and terms else code(decision.reason)
        link = f"[arXiv]({arxiv_abs(paper.arxiv_id)})"
        lines += [
            f"{number}. **{paper.arxiv_id}** · score {_score(decision)} · {_state(decision)}{day} · {link}  ",
            f"   {code(paper.title)}  ",
            f"   why: {why}  ",
            f"   {code(f'/on {paper.arxiv_id}')} or {code(f'/off {paper.arxiv_id} why')}",
        ]
    return "\n".join(lines) + "\n"


def reply_markdown(recorded: Sequence[tuple[Label, Label | None]], problems: Sequence[str], *,
                   refused: str = "") -> str:
    """The reply to a curator's comment: each label recorded (and what it replaced), each command
    not understood, or why none was recorded. Empty text when the comment held no command."""
    if not recorded and not problems and not refused:
        return ""
    lines = ["This comment's commands:", ""]
    if refused:
        lines.append(f"- none recorded: {code(refused)}")
    for label, before in recorded:
        why = f": {code(label.why)}" if label.why else ""
        lines.append(f"- recorded **{label.arxiv_id}** {label.verdict} ({changed(before)}){why}")
    for problem in problems:
        lines.append(f"- not recorded: {code(problem)}")
    if recorded:
        lines += ["", "The site is rebuilt with these labels; each beats the model from now on."]
    return "\n".join(lines) + "\n"


def failure_reply(what: str) -> str:
    """The reply when the comment's labels could not be recorded at all: what happened, what to do."""
    return (f"Nothing from this comment was recorded: {code(what)}\n\n"
            "Fix the cause (the workflow run's log names it), then post the comment again; "
            "a label recorded twice changes nothing.\n")


def commit_message(login: str, issue: int, recorded: Sequence[tuple[Label, Label | None]]) -> str:
    """The commit of a comment's labels: who and where in the subject, one line per label after.

    Nothing from the comment's text goes in (the reasons stay in labels.yml and the reply), and no
    `#N` or `@login`: GitHub would link, close or notify from a commit message."""
    papers = "1 paper" if len(recorded) == 1 else f"{len(recorded)} papers"
    lines = [f"Labels for {papers} from {login}'s comment on review issue {issue}", ""]
    for label, before in recorded:
        lines.append(f"{label.arxiv_id} {label.verdict} ({changed(before)})")
    return "\n".join(lines) + "\n"
