"""The `paperboy` command: parse arguments, run one verb, turn errors into a line and a status.

Exit status: 0 when the work is done (also when nothing was new), 1 when some of it could not
be done (each problem is named on stderr), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import textwrap
from pathlib import Path

from . import __version__, environment
from .build import BuildReport, Generated, Prepared, build, prepare
from .topic_stage import TopicReport
from .config import Settings, load_settings
from .errors import PaperboyError
from .sources.streams import ALL, CHOICES, STREAMS
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
    if args.summary:  # the Publish workflow's commit subject: what this fetch knows it added
        new = report.new
        args.summary.write_text(f"{new} new paper{'' if new == 1 else 's'}, {report.updated} updated\n",
                                encoding="utf-8")
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
    from .curator.by_hand import label_paper
    from .render.curator import changed

    done = label_paper(settings, args.id, args.verdict, args.why or "", args.by or "")
    log.info("labelled %s %s (%s) in %s; the next build decides again", done.label.arxiv_id, done.label.verdict,
             changed(done.before), settings.labels_file)
    return 0


def _github_api():
    """GitHub's API as Actions describes it to a job (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN)."""
    from .sources.github import Api

    return Api(environment.GITHUB_API_URL.get() or "https://api.github.com",
               environment.GITHUB_REPOSITORY.get(), environment.GITHUB_TOKEN.get())


def cmd_curate_comment(args: argparse.Namespace, settings: Settings) -> int:
    from .curator.comments import apply_comment, is_review_issue, read_comment
    from .curator.reports import REPORT_LABEL, read_reports
    from .errors import PaperboyError
    from .render.curator import commit_message, failure_reply, reply_markdown, report_closing
    from .sources.github import fetch_issues, fetch_permission
    from .sources.net import Http

    comment = read_comment(args.event)
    # Every file is written every time (empty: nothing to say), so the workflow never reads a
    # stale one.
    for path in (args.message, args.close, args.closing):
        if path:
            path.write_text("", encoding="utf-8")
    api = _github_api()
    with Http(contact=settings.contact, policy=settings.http) as http:
        try:
            report = apply_comment(settings, comment, lambda login: fetch_permission(http, api, login),
                                   lambda: read_reports(fetch_issues(http, api, label=REPORT_LABEL)))
        except PaperboyError as exc:
            # A labels.yml that does not parse, say: the curator hears it on the issue.
            if args.reply:
                args.reply.write_text(failure_reply(str(exc)), encoding="utf-8")
            raise
    if report.ignored:
        log.info("comment on #%d ignored: %s; nothing recorded", comment.issue, report.ignored)
    if report.refused:
        log.warning("comment by %s on #%d: nothing recorded: %s", comment.login, comment.issue, report.refused)
    for problem in report.problems:
        log.warning("not recorded: %s", problem)
    if not report.ignored and not report.refused:
        log.info("comment by %s on #%d: %d labels recorded in %s, %d commands not understood", comment.login,
                 comment.issue, sum(not done.stale for done in report.recorded), settings.labels_file,
                 len(report.problems))
    if args.reply:
        args.reply.write_text(reply_markdown(report.recorded, report.problems, refused=report.refused,
                                             closed=report.close), encoding="utf-8")
    if args.message:
        kind = "review issue" if is_review_issue(comment) else "reader's report"
        args.message.write_text(commit_message(comment.login, comment.issue, report.recorded, kind=kind),
                                encoding="utf-8")
    if args.close and report.close:
        # Numbers only, one a line: the workflow closes these issues.
        args.close.write_text("".join(f"{number}\n" for number in report.close), encoding="utf-8")
    if args.closing and report.close:
        args.closing.write_text(report_closing(report.recorded, comment.url), encoding="utf-8")
    return 0


def cmd_review_issue(args: argparse.Namespace, settings: Settings) -> int:
    from .curator.daily import daily_issue
    from .curator.reports import REPORT_LABEL, read_reports
    from .sources.github import fetch_has_issues, fetch_issues
    from .sources.net import Http
    from .storage.corpus import Corpus

    args.body.write_text("", encoding="utf-8")
    api = _github_api()
    with Http(contact=settings.contact, policy=settings.http) as http:
        if not fetch_has_issues(http, api):
            log.warning("Issues are off in this repository (Settings > General > Features > Issues): "
                        "no issue opened")
            return 0
        existing = fetch_issues(http, api, state="all")
        reports = read_reports(fetch_issues(http, api, label=REPORT_LABEL))
    today = dt.datetime.now(dt.timezone.utc).date()
    issue = daily_issue(settings, Corpus(settings), today=today, existing=existing, reports=reports,
                        days=args.days, limit=args.limit)
    if not issue.body:
        log.info("%s: no issue opened", issue.why_not)
        return 0
    args.body.write_text(issue.body, encoding="utf-8")
    print(issue.title)
    return 0


def _check_topic(ids: list[str], settings: Settings) -> int:
    from .curator.review import check_topic
    from .render.curator import check_header, compact_text, explained_text
    from .render.why import why_text
    from .topic_stage import whys_of
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
            sys.stdout.write(why_text(whys_of(check.decided, settings, [item.arxiv_id], {})[0], settings))
        else:
            print(f"{item.arxiv_id}: not a candidate (never fetched or imported)", file=sys.stderr)
            status = 1
    return status


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    if args.topic is not None:
        return _check_topic(args.topic, settings)
    from .storage.corpus import Corpus
    from .storage.hub import ReleaseStore

    corpus = Corpus(settings)
    loaded, candidates = corpus.records(), corpus.candidates()
    released = ReleaseStore(settings.releases_dir).load()  # the same reading, and rules, as the build's
    problems = [*loaded.problems, *candidates.problems, *released.problems]
    try:
        labels = len(corpus.labels())
    except PaperboyError as exc:
        labels = 0
        problems.append(str(exc))
    from .storage.daystatus import DayStatus

    DayStatus.load(settings.status_dir, problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    compact = f" ({len(candidates.compact)} compact)" if candidates.compact else ""
    hub = f", the releases of {len(released.releases)} papers" if settings.releases_dir.is_dir() else ""
    print(f"checked {settings.config_file}, {len(loaded.papers) + len(loaded.problems)} records "
          f"({len(loaded.removed)} removal pages), {len(candidates.papers) + len(candidates.compact)} candidates{compact}{hub} "
          f"and {labels} labels: "
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


_SITE_URL = environment.SITE_URL.entry()
# Where readers report a paper, when mkdocs.yml names no repo_url (GitHub Actions sets both).
_REPORTS = [environment.GITHUB_SERVER_URL.entry(), environment.GITHUB_REPOSITORY.entry()]
# What each command reads from the environment, shown in its --help (and checked by
# tests/unit/test_cli_usage.py against every PAPERBOY_* name in the code). fetch's: where each
# stream is, how often the Hub and each stream are asked, and whom the User-Agent names.
ENVIRONMENT: dict[str, list[tuple[str, str]]] = {
    "fetch": [
        *(stream.api.entry() for stream in STREAMS),
        environment.HUB_INTERVAL.entry(),
        *(stream.spacing.entry() for stream in STREAMS if stream.spacing is not None),
        (environment.SITE_URL.name, "the site's address, named in the User-Agent when extra.paperboy.contact is unset"),
        environment.HF_TOKEN.entry(),
    ],
    "import": [],
    "generate": [_SITE_URL, *_REPORTS],
    "build": [_SITE_URL, *_REPORTS, ("SOURCE_DATE_EPOCH", "the sitemap's date (default: the newest record's day)")],
    "serve": [_SITE_URL, *_REPORTS],
    "check": [_SITE_URL],
    "digest": [*(variable.entry() for variable in environment.SMTP),
               (environment.SITE_URL.name, "the site's address, for the links in the message")],
    "review": [],
    "label": [],
    "curate-comment": [variable.entry() for variable in environment.GITHUB],
    "review-issue": [environment.GITHUB_API_URL.entry(), environment.GITHUB_REPOSITORY.entry(),
                     (environment.GITHUB_TOKEN.name, "the job's token, to read the repository's issues")],
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

    p = command("fetch", f"fetch days from {' and '.join(stream.title for stream in STREAMS)}",
                "Fetch days from both streams (by default the last refetch_days days, since a day's list "
                "keeps growing): Hugging Face Daily Papers, and arXiv's new papers in arxiv.categories by "
                "submission day (also the arxiv.lookback_days before the window; one request every 3 s). "
                "Keep every paper as a candidate, decide the topic again and store the published records; "
                "then look kept papers that lack arXiv metadata up by id. A day or page that fails is "
                "named and the others are still stored. What each stream said for each day is kept in "
                "content/status/.")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="one day")
    when.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="first day of a range")
    p.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="last day of the range (default: today)")
    p.add_argument("--source", choices=CHOICES, default=ALL,
                   help="; ".join(f"{stream.name}: {stream.title}{' (and lookups by id)' if stream.lookups else ''} only"
                                  for stream in STREAMS)
                   + f"; {ALL}: every stream (default)")
    p.add_argument("--concurrency", type=_positive, metavar="N", help="days fetched at once")
    p.add_argument("--summary", type=Path, metavar="FILE",
                   help="write what the fetch added here, as a commit's subject (\"2 new papers, 5 updated\")")
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
                "label. Only a comment on the bot's review issues (\"Papers to review: ...\") or on a "
                "reader's report counts, only on an open issue, and only by someone GitHub says has write "
                "access (asked with GITHUB_TOKEN; when GitHub cannot answer, nothing is recorded); other "
                "comments are ignored with the reason. A malformed command or an id that is not a "
                "candidate is named and skipped; a comment older than the decision a label holds changes "
                "nothing. Exit 0 when the comment was read.")
    p.add_argument("--event", type=Path, required=True, metavar="FILE", help="the event payload (JSON)")
    p.add_argument("--reply", type=Path, metavar="FILE",
                   help="write the reply to post on the issue here (Markdown; empty: nothing to say)")
    p.add_argument("--message", type=Path, metavar="FILE",
                   help="write the commit message here (empty: nothing recorded)")
    p.add_argument("--close", type=Path, metavar="FILE",
                   help="write the numbers of the readers' reports this comment decided here, one a line")
    p.add_argument("--closing", type=Path, metavar="FILE",
                   help="write the reply to post on those reports here (Markdown)")
    p.set_defaults(run=cmd_curate_comment, writes=True)

    p = command("review-issue", "today's \"Papers to review\" issue for GitHub: its title, or nothing",
                "Decide whether to open today's review issue on GitHub, and write its text: the newest "
                "day's papers the model is least sure about (as review --format markdown) and the papers "
                "readers reported (open issues labelled reader-report, read through GitHub's API). "
                "Prints the title when an issue is to be opened, nothing when there is nothing to review, "
                "when Issues are off, or when the bot's issue for today exists already.")
    p.add_argument("--days", type=_positive, default=1, help="how far back from the newest day (default: 1)")
    p.add_argument("--limit", type=_positive, default=10, help="how many papers (default: 10)")
    p.add_argument("--body", type=Path, required=True, metavar="FILE",
                   help="write the issue's text here (Markdown; empty: nothing to open)")
    p.set_defaults(run=cmd_review_issue, writes=False)
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
