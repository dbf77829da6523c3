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


class Decided(Protocol):
    """A label as the writer recorded it (generator/storage/labels.py: Recorded has these)."""

    label: Label
    before: Label | None
    stale: bool


class Flag(Protocol):
    """A paper readers reported (generator/curator/daily.py: FlaggedPaper has these)."""

    paper: str
    state: str
    reasons: tuple[str, ...]
    issues: tuple[int, ...]
    wrong_topic: int
    belongs_here: int


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


def flagged_markdown(flags: Sequence[Flag]) -> list[str]:
    """The "Flagged by readers" section: each reported paper, how many said what, their short
    reasons as code (inert), and the reports' numbers (plain: no link, no cross-reference)."""
    if not flags:
        return []
    lines = ["### Flagged by readers", "",
             "Readers reported these papers. A report decides nothing: decide here, or on the report, "
             "with the same commands; the report is answered and closed when you do.", ""]
    for number, flag in enumerate(flags, start=1):
        said = [f"{count} {what}" for count, what in ((flag.wrong_topic, "wrong topic"),
                                                      (flag.belongs_here, "belongs here")) if count]
        reports = "report" if len(flag.issues) == 1 else "reports"
        lines.append(f"{number}. **{flag.paper}** · {flag.state} · {', '.join(said)} · [arXiv]({arxiv_abs(flag.paper)})"
                     f" · {reports} {', '.join(str(issue) for issue in flag.issues)}  ")
        if flag.reasons:
            lines.append(f"   why: {', '.join(code(reason) for reason in flag.reasons)}  ")
        lines.append(f"   decide: {code(f'/on {flag.paper}')} or {code(f'/off {flag.paper} REASON')}")
    return lines


def review_markdown(items: Sequence[Reviewed], *, threshold: float, model_note: str,
                    flags: Sequence[Flag] = ()) -> str:
    """The daily list: each paper's id, score, whether it is published, why, its title and its
    arXiv link, the ready-made commands, and how to decide; then the papers readers flagged.
    Empty text for no papers and no flags."""
    if not items and not flags:
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
            # "decide:" first and REASON to fill in: the line copied whole is not a command.
            f"   decide: {code(f'/on {paper.arxiv_id}')} or {code(f'/off {paper.arxiv_id} REASON')}",
        ]
    if flags:
        lines += ["", *flagged_markdown(flags)]
    return "\n".join(lines) + "\n"


def reply_markdown(recorded: Sequence[Decided], problems: Sequence[str], *, refused: str = "",
                   closed: Sequence[int] = ()) -> str:
    """The reply to a curator's comment: each label recorded (and what it replaced), each one not
    applied because a newer decision stands, each command not understood, or why none was
    recorded; the readers' reports it closes. Empty text when the comment held no command."""
    if not recorded and not problems and not refused:
        return ""
    lines = ["This comment's commands:", ""]
    if refused:
        lines.append(f"- none recorded: {code(refused)}")
    for done in recorded:
        label, before = done.label, done.before
        if done.stale and before is not None:
            newer = f"{before.verdict}{f', {before.at}' if before.at else ''}"
            lines.append(f"- not applied **{label.arxiv_id}** {label.verdict}: a newer decision stands "
                         f"({newer}); this comment is older (post a new comment to change it)")
            continue
        why = f": {code(label.why)}" if label.why else ""
        lines.append(f"- recorded **{label.arxiv_id}** {label.verdict} ({changed(before)}){why}")
    for problem in problems:
        lines.append(f"- not recorded: {code(problem)}")
    if closed:
        lines.append(f"- readers' reports answered and closed: {', '.join(str(number) for number in closed)}")
    if any(not done.stale for done in recorded):
        lines += ["", "Publish rebuilds the site with these labels (a failed rebuild is reported here); each "
                      "beats the model from now on."]
    return "\n".join(lines) + "\n"


def report_closing(recorded: Sequence[Decided], comment_url: str) -> str:
    """The reply on a reader's report when a decision is recorded for its paper: what was decided."""
    decided = [f"**{done.label.arxiv_id}** {(done.before if done.stale and done.before else done.label).verdict}"
               for done in recorded]
    where = f" ([the decision]({comment_url}))" if comment_url else ""
    return (f"Thank you for the report. The curator decided: {', '.join(decided)}{where}. "
            "The site is rebuilt with it; closing this report.\n")


def rebuild_failure_reply(run_url: str) -> str:
    """The reply on the comment whose labels a rebuild failed to publish."""
    return (f"The labels this comment recorded are in `content/topic/labels.yml`, but the site's rebuild "
            f"did not finish ([the run]({run_url})): the site shows them at the next build. Re-run "
            "Publish (Actions > Publish > Run workflow) once the run's log says what failed.\n")


def failure_reply(what: str) -> str:
    """The reply when the comment's labels could not be recorded at all: what happened, what to do."""
    return (f"Nothing from this comment was recorded: {code(what)}\n\n"
            "Fix the cause (the workflow run's log names it), then post the comment again; "
            "a label recorded twice changes nothing.\n")


def commit_message(login: str, issue: int, recorded: Sequence[Decided], *, kind: str = "review issue") -> str:
    """The commit of a comment's labels: who and where in the subject, one line per label applied
    after (empty text when none was).

    Nothing from the comment's text goes in (the reasons stay in labels.yml and the reply), and no
    `#N` or `@login`: GitHub would link, close or notify from a commit message."""
    applied = [done for done in recorded if not done.stale]
    if not applied:
        return ""
    papers = "1 paper" if len(applied) == 1 else f"{len(applied)} papers"
    lines = [f"Labels for {papers} from {login}'s comment on {kind} {issue}", ""]
    for done in applied:
        lines.append(f"{done.label.arxiv_id} {done.label.verdict} ({changed(done.before)})")
    return "\n".join(lines) + "\n"
