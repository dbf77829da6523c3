"""The `paperboy` command: parse arguments, run one verb, turn errors into a line and a status.

Exit status: 0 when the work is done (also when nothing was new), 1 when some of it could not
be done (each problem is named on stderr), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import textwrap
from pathlib import Path

from . import __version__
from .build import BuildReport, Generated, Prepared, build, prepare
from .topic_stage import TopicReport
from .config import Settings, load_settings
from .errors import PaperboyError
from .sources import SOURCES
from .storage.lock import site_lock

# Each command imports what only it needs (httpx, jinja, feedgen...), so that a day with
# nothing new (`paperboy generate`) starts fast.

log = logging.getLogger("paperboy")


def _print_generated(result: Generated) -> None:
    for problem in result.problems:
        log.error("%s", problem)
    counts = result.counts
    log.info(
        "generated from %d records: %d files written, %d unchanged, %d removed",
        result.records, counts.written, counts.unchanged, counts.removed,
    )


def _print_topic(topic: TopicReport) -> None:
    for problem in topic.problems:
        log.error("%s", problem)
    if topic.unchanged:
        log.info("topic: unchanged since the last run (%d of %d candidates published)", topic.kept, topic.candidates)
        return
    log.info("topic: %d of %d candidates published, %d added, %d removed; model %s",
             topic.kept, topic.candidates, len(topic.added), len(topic.removed), topic.model)


def _prepare(settings: Settings) -> Prepared:
    result = prepare(settings)
    _print_topic(result.topic)
    _print_generated(result.generated)
    return result


def _print_build(report: BuildReport, settings: Settings) -> None:
    _print_topic(report.topic)
    _print_generated(report.generated)
    if report.site is None or report.search is None:
        log.error("not building: fix the records named above (paperboy check lists them)")
        return
    log.info("built %s: %s in %.1f s; search index (%d of %d shards made) in %.1f s "
             "(topic %.1f s, generate %.1f s)", settings.site_dir,
             report.site.summary(), report.seconds_of("site"), report.search.made, report.search.shards,
             report.seconds_of("search index"), report.seconds_of("topic"), report.seconds_of("generate"))


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from .ingest import import_files

    report = import_files(args.paths, settings)
    if report.topic is not None:
        _print_topic(report.topic)
    log.info("import: %s", report.summary())
    return 0 if report.ok else 1


def _today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def _date_range_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with fetch's dates, as a usage error (exit 2), before anything runs."""
    if args.until and args.date:
        return "--until goes with --since, not --date"
    if args.until and not args.since:
        return "--until needs --since"
    if args.since and args.until and args.until < args.since:
        return f"--until {args.until} is before --since {args.since}"
    if args.since and not args.until and args.since > _today():
        return f"--since {args.since} is after today ({_today()}, UTC); --until defaults to today"
    return None


def _days(args: argparse.Namespace, settings: Settings) -> list[dt.date]:
    from .fetch import day_range, recent_days

    if args.date:
        return [args.date]
    if args.since:
        return day_range(args.since, args.until or _today())
    return recent_days(_today(), settings.refetch_days)


def cmd_fetch(args: argparse.Namespace, settings: Settings) -> int:
    from .fetch import fetch, refresh_days

    days = _days(args, settings)
    # The default window also refreshes the counts of a few older days (their turn today).
    refresh = [] if args.date or args.since else refresh_days(days[-1], settings)
    log.info("fetch: %s, %d days from %s to %s", args.source, len(days), days[0], days[-1])
    if refresh:
        log.info("fetch: refreshing counts of %s", ", ".join(map(str, refresh)))
    report = fetch(settings, days, source=args.source, concurrency=args.concurrency, refresh=refresh)
    if report.topic is not None:
        _print_topic(report.topic)
    log.info("fetch: %s; %d older days refreshed, %d arXiv days in %d requests (%d papers), %d enriched from arXiv, "
             "releases of %d papers looked up on the Hub (%d changed, %d wait), %d warnings", report.summary(),
             report.refreshed, report.arxiv_days, report.arxiv_requests, report.arxiv_papers, report.enriched,
             report.hub_papers, report.hub_changed, report.hub_deferred, len(report.warnings))
    return 0 if report.ok else 1


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    from .publish import digest

    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    done = digest.run(settings, kind=args.period, day=args.date, now=now, tag=args.tag, send=args.send,
                      output=args.output, recipients_file=args.to_file)
    for problem in done.problems:
        log.warning("%s", problem)
    label, count = done.digest.period.label, len(done.digest.papers)
    if not count:
        log.info("digest: nothing to send: no papers in %s%s", label, f" tagged {args.tag}" if args.tag else "")
        return 0
    if done.result is None:
        log.info("digest: %d papers of %s written to %s (not sent; add --send)", count, label, done.preview)
        return 0
    result = done.result
    for recipient, reason in result.failed:
        log.error("digest: not delivered to %s: %s", recipient, reason)
    if not result.sent and not result.failed:
        log.info("digest: nothing new to send: %s already went to every recipient", label)
        return 0
    log.info("digest: %s: %d sent, %d already had it, %d failed", label, len(result.sent),
             len(result.skipped), len(result.failed))
    return 1 if result.failed else 0


def cmd_generate(args: argparse.Namespace, settings: Settings) -> int:
    return 1 if _prepare(settings).generated.problems else 0


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    report = build(settings, full=args.full)
    _print_build(report, settings)
    return 0 if report.ok else 1


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from .publish.mkdocs import mkdocs

    if _prepare(settings).generated.problems:
        log.warning("serving without the records named above")
    mkdocs(settings, "serve", "--dev-addr", args.dev_addr)
    return 0


def cmd_review(args: argparse.Namespace, settings: Settings) -> int:
    from .curator.review import review
    from .render.curator import review_markdown, review_text
    from .storage.corpus import Corpus

    listed = review(settings, Corpus(settings), days=args.days, limit=args.limit)
    if not listed.has_model:
        print(f"nothing to review: {listed.model_note}", file=sys.stderr)
        return 0
    if args.format == "markdown":
        # Nothing at all on stdout when nothing is listed: the daily issue is then not opened.
        sys.stdout.write(review_markdown(listed.items, threshold=settings.topic.threshold, model_note=listed.model_note))
        if not listed.items:
            print(f"nothing to review in the last {args.days} days", file=sys.stderr)
        return 0
    sys.stdout.write(review_text(listed.items, days=args.days, model_note=listed.model_note))
    return 0


def cmd_label(args: argparse.Namespace, settings: Settings) -> int:
    from .curator.label import label_paper
    from .render.curator import changed

    done = label_paper(settings, args.id, args.verdict, args.why or "", args.by or "")
    log.info("labelled %s %s (%s) in %s; the next build decides again", done.label.arxiv_id, done.label.verdict,
             changed(done.before), settings.labels_file)
    return 0


def cmd_curate_comment(args: argparse.Namespace, settings: Settings) -> int:
    from .curator.comments import apply_comment, read_comment
    from .errors import PaperboyError
    from .render.curator import commit_message, failure_reply, reply_markdown
    from .sources.github import fetch_permission
    from .sources.net import Http

    comment = read_comment(args.event)
    # Both files are written every time (empty: nothing to say), so the workflow never reads a
    # stale one.
    if args.message:
        args.message.write_text("", encoding="utf-8")
    with Http(contact=settings.contact, policy=settings.http) as http:
        def ask(login: str):
            return fetch_permission(http, api=os.environ.get("GITHUB_API_URL") or "https://api.github.com",
                                    repository=os.environ.get("GITHUB_REPOSITORY", ""),
                                    token=os.environ.get("GITHUB_TOKEN", ""), login=login)
        try:
            report = apply_comment(settings, comment, ask)
        except PaperboyError as exc:
            # A labels.yml that does not parse, say: the curator hears it on the issue.
            if args.reply:
                args.reply.write_text(failure_reply(str(exc)), encoding="utf-8")
            raise
    recorded = [(done.label, done.before) for done in report.recorded]
    if report.ignored:
        log.info("comment on #%d ignored: %s; nothing recorded", comment.issue, report.ignored)
    if report.refused:
        log.warning("comment by %s on #%d: nothing recorded: %s", comment.login, comment.issue, report.refused)
    for problem in report.problems:
        log.warning("not recorded: %s", problem)
    if not report.ignored and not report.refused:
        log.info("comment by %s on #%d: %d labels recorded in %s, %d commands not understood", comment.login,
                 comment.issue, len(recorded), settings.labels_file, len(report.problems))
    if args.reply:
        args.reply.write_text(reply_markdown(recorded, report.problems, refused=report.refused), encoding="utf-8")
    if args.message and recorded:
        args.message.write_text(commit_message(comment.login, comment.issue, recorded), encoding="utf-8")
    return 0


def _check_topic(ids: list[str], settings: Settings) -> int:
    from .curator.review import check_topic
    from .render.curator import check_header, compact_text, explained_text
    from .storage.corpus import Corpus

    check = check_topic(settings, Corpus(settings))
    sys.stdout.write(check_header(model_note=check.decided.model_note, threshold=settings.topic.threshold,
                                  arxiv_threshold=settings.topic.arxiv_threshold, published=check.published,
                                  papers=len(check.decided.decisions)))
    status = 0
    for raw in ids:
        item = check.look_up(raw)
        if item.compact is not None:
            sys.stdout.write(compact_text(item.arxiv_id, item.compact))
        elif item.explained is not None:
            sys.stdout.write(explained_text(item.explained))
        else:
            print(f"{item.arxiv_id}: not a candidate (never fetched or imported)", file=sys.stderr)
            status = 1
    return status


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    if args.topic is not None:
        return _check_topic(args.topic, settings)
    from .storage.corpus import Corpus

    corpus = Corpus(settings)
    loaded, candidates = corpus.records(), corpus.candidates()
    problems = [*loaded.problems, *candidates.problems]
    try:
        labels = len(corpus.labels())
    except PaperboyError as exc:
        labels = 0
        problems.append(str(exc))
    for problem in problems:
        print(problem, file=sys.stderr)
    compact = f" ({len(candidates.compact)} compact)" if candidates.compact else ""
    print(f"checked {settings.config_file}, {len(loaded.papers) + len(loaded.problems)} records "
          f"({len(loaded.removed)} removal pages), {len(candidates.papers) + len(candidates.compact)} candidates{compact} and {labels} labels: "
          f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1: {text!r}")
    return int(text)


_SITE_URL = ("PAPERBOY_SITE_URL", "the site's address, when set (mkdocs.yml's site_url reads it)")
_SMTP = [
    ("PAPERBOY_SMTP_HOST", "the mail server (with --send)"),
    ("PAPERBOY_SMTP_PORT", "its port (default 587, 465 or 25 by PAPERBOY_SMTP_TLS)"),
    ("PAPERBOY_SMTP_USER", "login, when the server wants one"),
    ("PAPERBOY_SMTP_PASSWORD", "password for that login"),
    ("PAPERBOY_SMTP_TLS", "starttls (default), ssl or none"),
    ("PAPERBOY_DIGEST_FROM", "the sender, e.g. 'Small LM Daily <digest@example.org>'"),
    ("PAPERBOY_DIGEST_TO", "recipients, comma-separated (besides --to-file)"),
]
# What each command reads from the environment, shown in its --help (and checked by
# tests/unit/test_cli_usage.py against every PAPERBOY_* name in the code).
ENVIRONMENT: dict[str, list[tuple[str, str]]] = {
    "fetch": [
        ("PAPERBOY_HF_API", "Hugging Face API base URL (default https://huggingface.co/api; "
                            "overrides extra.paperboy.hf_api)"),
        ("PAPERBOY_ARXIV_API", "arXiv API URL (default https://export.arxiv.org/api/query; "
                               "overrides extra.paperboy.arxiv_api)"),
        ("PAPERBOY_HUB_INTERVAL", "seconds between requests to the Hugging Face Hub (overrides "
                                  "extra.paperboy.hub.interval)"),
        ("PAPERBOY_ARXIV_INTERVAL", "seconds between arXiv requests (default 3, never less for arXiv's own "
                                    "hosts; overrides extra.paperboy.arxiv.interval)"),
        ("PAPERBOY_SITE_URL", "the site's address, named in the User-Agent when extra.paperboy.contact is unset"),
    ],
    "import": [],
    "generate": [_SITE_URL],
    "build": [_SITE_URL, ("SOURCE_DATE_EPOCH", "the sitemap's date (default: the newest record's day)")],
    "serve": [_SITE_URL],
    "check": [_SITE_URL],
    "digest": [*_SMTP, ("PAPERBOY_SITE_URL", "the site's address, for the links in the message")],
    "review": [],
    "label": [],
    "curate-comment": [
        ("GITHUB_API_URL", "GitHub's API (Actions sets it; default https://api.github.com)"),
        ("GITHUB_REPOSITORY", "owner/name of the repository (Actions sets it)"),
        ("GITHUB_TOKEN", "the job's token, to ask GitHub whether the comment's author has write access"),
    ],
}


def _environment_help(verb: str) -> str:
    pairs = ENVIRONMENT[verb]
    if not pairs:
        return "environment:\n  none (besides mkdocs.yml's own !ENV tags, if any)"
    width = max(len(name) for name, _ in pairs)
    return "environment:\n" + "\n".join(f"  {name:<{width}}  {meaning}" for name, meaning in pairs)


def _verbosity(default: object) -> argparse.ArgumentParser:
    """-q/-v, accepted before and after the command (the command's copy leaves an option given
    before it as it was: its default is SUPPRESS)."""
    options = argparse.ArgumentParser(add_help=False)
    group = options.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", default=default, help="only warnings and errors")
    group.add_argument("-v", "--verbose", action="store_true", default=default, help="more detail (debug messages)")
    return options


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="paperboy", description="Publish a research topic as a static daily-papers site.",
        parents=[_verbosity(False)],
        epilog="Exit status: 0 when the work is done (also when nothing was new), 1 when some of it "
               "could not be done (each problem named on stderr), 2 for a usage error. "
               "`paperboy COMMAND --help` describes a command and the environment it reads.",
    )
    main_parser.add_argument("--version", action="version", version=f"paperboy {__version__}")
    main_parser.add_argument("-f", "--config", type=Path, default=Path("mkdocs.yml"),
                             help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    # Not required here: main() names a missing command itself, after any unknown option (argparse
    # would say only "COMMAND required" for `paperboy --bogus`).
    verbs = main_parser.add_subparsers(dest="verb", metavar="COMMAND")
    each = _verbosity(argparse.SUPPRESS)

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return verbs.add_parser(
            name, help=summary, parents=[each], formatter_class=argparse.RawDescriptionHelpFormatter,
            description=textwrap.fill(description, 78), epilog=_environment_help(name),
        )

    p = command("fetch", "fetch days from Hugging Face Daily Papers and arXiv's listing",
                "Fetch days from both streams (by default the last refetch_days days, since a day's list "
                "keeps growing): Hugging Face Daily Papers, and arXiv's new papers in arxiv.categories by "
                "submission day (also the arxiv.lookback_days before the window; one request every 3 s). "
                "Keep every paper as a candidate, decide the topic again and store the published records; "
                "then look kept papers that lack arXiv metadata up by id. A day or page that fails is "
                "named and the others are still stored.")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="one day")
    when.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="first day of a range")
    p.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="last day of the range (default: today)")
    p.add_argument("--source", choices=SOURCES, default="all",
                   help="hf: Hugging Face only; arxiv: arXiv's listing (and lookups) only; all: both (default)")
    p.add_argument("--concurrency", type=_positive, metavar="N", help="days fetched at once")
    p.set_defaults(run=cmd_fetch, writes=True)

    p = command("digest", "e-mail the top papers of a day, week or month",
                "E-mail the top papers of a period (by upvotes, grouped by tag) as a message with a "
                "plain-text and an HTML part: written to a preview .eml file, or with --send sent to "
                "each recipient who has not had it yet (content/.digests.json remembers).")
    p.add_argument("--period", choices=("day", "week", "month"), required=True)
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="a day in the period (default: the last complete one)")
    p.add_argument("--tag", help="only papers with this tag")
    p.add_argument("--send", action="store_true", help="send with PAPERBOY_SMTP_* (default: write a preview file)")
    p.add_argument("--output", type=Path, metavar="FILE", help="preview file (default: digest-<period>.eml)")
    p.add_argument("--to-file", type=Path, metavar="FILE", help="recipients, one per line, besides PAPERBOY_DIGEST_TO")
    p.set_defaults(run=cmd_digest, writes=True)

    p = command("import", "add papers from recorded daily_papers JSON files",
                "Add papers from recorded Hugging Face daily_papers responses (a name like "
                "2025-06-16.json gives the day) or from a seed listing, through the same parse, topic "
                "and merge path as fetch, without the network. Every item not kept is named with its reason.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.set_defaults(run=cmd_import, writes=True)

    p = command("generate", "derived pages and feeds from the records (no network)",
                "Decide the topic again, then write the derived pages and feeds into the docs folder "
                "from the records. No network; writes only files whose bytes change.")
    p.set_defaults(run=cmd_generate, writes=True)

    p = command("build", "generate, then mkdocs build --strict into the site folder",
                "Generate, then build the site strictly with MkDocs (only the pages whose inputs changed "
                "since the last build, unless --full), then the Pagefind search index. Refuses to build "
                "while a record is broken.")
    p.add_argument("--full", action="store_true",
                   help="rebuild every page (default: only pages whose inputs changed since the last build)")
    p.set_defaults(run=cmd_build, writes=True)

    p = command("serve", "generate, then preview with live reload",
                "Generate, then serve a live preview with MkDocs (without the search index: "
                "build the site to try search).")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    p.set_defaults(run=cmd_serve, writes=True)

    p = command("check", "validate the config and every record",
                "Validate the config (an unknown key is named with the key meant) and every record, "
                "naming the file and field of each problem; exit 1 if there is any. With --topic, explain "
                "the topic model's decision for each ID instead.")
    p.add_argument("--topic", nargs="*", metavar="ID",
                   help="instead: the topic model, and for each ID its score, the threshold and why")
    p.set_defaults(run=cmd_check, writes=False)

    p = command("review", "recent papers the model is least sure of, to label",
                "List recent unlabelled papers on both sides of the threshold, those whose label would most "
                "likely change what is published first, with the terms that weighed most, so that a person "
                "can label them (paperboy label).")
    p.add_argument("--days", type=_positive, default=30, help="how far back from the newest day (default: 30)")
    p.add_argument("--limit", type=_positive, default=20, help="how many papers (default: 20)")
    p.add_argument("--format", choices=("text", "markdown"), default="text",
                   help="markdown: the list as GitHub shows it, with how to decide by a comment (the daily "
                        "issue); prints nothing when there is nothing to review (default: text)")
    p.set_defaults(run=cmd_review, writes=False)

    p = command("label", "record whether a paper is on topic (labels.yml); a label beats the model",
                "Record a person's decision on whether a paper is on topic in the labels file; a label "
                "always beats the model, and the next build decides again.")
    p.add_argument("id", metavar="ID", help="arXiv id")
    p.add_argument("verdict", choices=("on", "off", "borderline"))
    p.add_argument("--why", metavar="TEXT", help="the reason, in a few words")
    p.add_argument("--by", metavar="WHO",
                   help="who or what made the label when not you by hand (e.g. helper), kept as `by:`")
    p.set_defaults(run=cmd_label, writes=True)

    p = command("curate-comment", "record the labels a collaborator's comment on GitHub decides",
                "Read a GitHub issue_comment event (the workflow passes $GITHUB_EVENT_PATH) and record "
                "each command of a collaborator's comment (/on ID [why], /off ID why, /borderline ID "
                "why; one a line) as a label by github:<login>, through the same writer as paperboy "
                "label. Only a comment on the bot's review issues (\"Papers to review: ...\") counts, and "
                "only by someone GitHub says has write access (asked with GITHUB_TOKEN; when GitHub "
                "cannot answer, nothing is recorded); other comments are ignored with the reason. A "
                "malformed command or an id that is not a candidate is named and skipped. Exit 0 when "
                "the comment was read.")
    p.add_argument("--event", type=Path, required=True, metavar="FILE", help="the event payload (JSON)")
    p.add_argument("--reply", type=Path, metavar="FILE",
                   help="write the reply to post on the issue here (Markdown; empty: nothing to say)")
    p.add_argument("--message", type=Path, metavar="FILE",
                   help="write the commit message here (empty: nothing recorded)")
    p.set_defaults(run=cmd_curate_comment, writes=True)
    return main_parser


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments, or a usage error (exit 2) that names what is wrong."""
    main_parser = parser()
    args, unknown = main_parser.parse_known_args(argv)
    if unknown:
        main_parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.verb is None:
        main_parser.error("a COMMAND is required (paperboy --help lists them)")
    if args.quiet and args.verbose:
        main_parser.error("-q/--quiet and -v/--verbose together: choose one")
    if args.verb == "fetch" and (problem := _date_range_problem(args)):
        verbs = next(a for a in main_parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
        verbs.choices["fetch"].error(problem)
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(message)s",
        stream=sys.stderr,
    )
    if args.verbose:
        log.setLevel(logging.DEBUG)
    try:
        settings = load_settings(args.config)
        log.debug("config %s: site_url %s, Hugging Face API %s, arXiv API %s", settings.config_file,
                  settings.site_url, settings.hf_api, settings.arxiv_api)
        if not args.writes:
            return args.run(args, settings)
        with site_lock(settings.config_file):
            return args.run(args, settings)
    except PaperboyError as exc:
        print(f"paperboy: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("paperboy: interrupted; files already written are whole", file=sys.stderr)
        return 130
