"""The email digest: a period's top papers as a multipart message (pure), and its sending.

Rendering is pure (records in, message out). Sending is SMTP from PAPERBOY_SMTP_* variables,
one message per recipient (no address ever reaches another recipient). A small log beside
the records (`content/.digests.json`) remembers which periods went to whom (as hashes of the
addresses, never the addresses), so a period is never sent twice and a failed recipient is
retried on the next run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from copy import deepcopy
import json
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr
from pathlib import Path

from .. import environment, urls
from ..config import Settings
from ..errors import PaperboyError
from ..models import Paper
from ..render.kinds.subscribe import DIGEST_TOP
from ..render.templating import Templates
from ..render.periods import Period, by_rank
from ..storage.atomic import write_atomic

TOP = DIGEST_TOP


@dataclass(frozen=True)
class Digest:
    period: Period
    tag: str | None
    groups: tuple[tuple[str, tuple[Paper, ...]], ...]
    """(group title, papers best first), the groups in tag order."""

    @property
    def papers(self) -> tuple[Paper, ...]:
        return tuple(p for _, papers in self.groups for p in papers)

    @property
    def key(self) -> str:
        return self.period.key + (f"-{self.tag}" if self.tag else "")


def select(papers: Sequence[Paper], period: Period, settings: Settings, *, tag: str | None = None, top: int = TOP) -> Digest:
    """The period's top papers by upvotes, grouped under each paper's first tag."""
    chosen = [p for p in papers if p.day in period and (tag is None or tag in p.tags)]
    best = by_rank(chosen)[:top]
    order = [rule.slug for rule in settings.tags]
    groups: dict[str, list[Paper]] = {}
    for paper in best:
        first = tag or (paper.tags[0] if paper.tags else "")
        groups.setdefault(first, []).append(paper)
    ranked = sorted(groups, key=lambda slug: (slug == "", order.index(slug) if slug in order else len(order), slug))
    return Digest(period, tag, tuple(
        (settings.tag(slug).title if slug else "Other papers", tuple(groups[slug])) for slug in ranked
    ))


def render(digest: Digest, settings: Settings, *, sender: str, unsubscribe: str, date: dt.datetime,
           templates: Templates | None = None) -> EmailMessage:
    """The digest as an email: a plain-text part and an HTML part (multipart/alternative).

    `date` is when it is written or sent (RFC 5322 requires a Date: header); the caller reads
    the clock, so the same arguments give the same bytes.
    """
    env = (templates or Templates(settings)).html
    context = {
        "digest": digest, "settings": settings, "unsubscribe": unsubscribe,
        "url": lambda paper: urls.paper_url(settings.site_url, paper.slug),
    }
    message = EmailMessage()
    scope = f" – {settings.tag(digest.tag).title}" if digest.tag else ""
    message["Subject"] = f"{settings.site_name}{scope}: top papers of {digest.period.label}"
    message["From"] = sender
    message["Date"] = date
    message["List-Unsubscribe"] = f"<{unsubscribe}>"
    message["Message-ID"] = make_msgid(idstring=digest.key, domain=parseaddr(sender)[1].rpartition("@")[2] or None)
    message.set_content(env.get_template("digest.txt.j2").render(**context))
    message.add_alternative(env.get_template("digest.html.j2").render(**context), subtype="html")
    return message


DIGEST_FEED_WEEKS = 12
"""How many weekly digests the digest feed carries."""


def render_digest_feed(papers: Sequence[Paper], settings: Settings, templates: Templates | None = None) -> bytes:
    """The digest feed (Atom): one entry per week's digest, the same HTML as the e-mail, for the
    last DIGEST_FEED_WEEKS complete weeks. Any RSS-to-e-mail service can mail it to readers,
    so the site itself needs no mail server.

    "Complete" is read off the records, not the clock: a week ending before the newest paper's
    day. The same records give the same bytes.
    """
    from ..render.feeds import new_feed, timestamp

    days = [p.day for p in papers if p.day]
    newest = max(days, default=None)
    weeks: list[Period] = []
    if newest is not None:
        week = Period.of("week", newest)
        while len(weeks) < DIGEST_FEED_WEEKS and week.end >= min(days):
            if week.end < newest:
                weeks.append(week)
            week = Period.of("week", week.start - dt.timedelta(days=1))
    env = (templates or Templates(settings)).html
    fg = new_feed(settings, title=f"{settings.site_name}: weekly digest", feed_path=urls.DIGEST_FEED,
                  page_path=urls.SUBSCRIBE, subtitle=f"The top {TOP} papers of each week, as the e-mail digest has them.",
                  newest=weeks[0].end if weeks else None)
    for week in weeks:
        digest = select(papers, week, settings)
        if not digest.papers:
            continue
        entry = fg.add_entry(order="append")
        page = urls.absolute(settings.site_url, week.path)
        entry.id(page + "#digest")
        entry.title(f"{settings.site_name}: top papers of {week.label}")
        entry.link(href=page, rel="alternate", type="text/html")
        entry.updated(timestamp(week.end))
        entry.content(env.get_template("digest.html.j2").render(
            digest=digest, settings=settings, unsubscribe=urls.absolute(settings.site_url, urls.SUBSCRIBE),
            url=lambda paper: urls.paper_url(settings.site_url, paper.slug),
        ), type="html")
    return fg.atom_str(pretty=True)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    tls: str
    sender: str
    recipients: tuple[str, ...]

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, recipients_file: Path | None = None) -> SmtpSettings:
        host = environment.SMTP_HOST.get(env).strip()
        if not host:
            raise PaperboyError(f"{environment.SMTP_HOST.name} is not set: nothing can be sent")
        tls = environment.SMTP_TLS.get(env).strip().lower() or "starttls"
        if tls not in ("starttls", "ssl", "none"):
            raise PaperboyError(f"{environment.SMTP_TLS.name} must be starttls, ssl or none, not {tls!r}")
        port_text = environment.SMTP_PORT.get(env).strip() or {"ssl": "465", "starttls": "587", "none": "25"}[tls]
        if not port_text.isdigit():
            raise PaperboyError(f"{environment.SMTP_PORT.name} is not a port number: {port_text!r}")
        sender = environment.DIGEST_FROM.get(env).strip()
        if "@" not in parseaddr(sender)[1]:
            raise PaperboyError(f"{environment.DIGEST_FROM.name} must be the sender's address")
        raw = environment.DIGEST_TO.get(env)
        if recipients_file is not None:
            try:
                raw += "," + recipients_file.read_text(encoding="utf-8").replace("\n", ",")
            except OSError as exc:
                raise PaperboyError(f"cannot read recipients from {recipients_file}: {exc.strerror}") from None
        recipients = tuple(dict.fromkeys(
            a.strip() for a in raw.split(",") if a.strip() and not a.strip().startswith("#")
        ))
        for address in recipients:
            if "@" not in parseaddr(address)[1] or any(ch in address for ch in "\r\n"):
                raise PaperboyError(f"not an e-mail address in the recipients: {address!r}")
        if not recipients:
            raise PaperboyError(f"no recipients: set {environment.DIGEST_TO.name} (comma-separated) or pass --to-file")
        return cls(host, int(port_text), environment.SMTP_USER.get(env), environment.SMTP_PASSWORD.get(env),
                   tls, sender, recipients)


def address_hash(address: str) -> str:
    return hashlib.sha256(parseaddr(address)[1].lower().encode()).hexdigest()[:16]


@dataclass
class SentLog:
    """`content/.digests.json`: per digest key, its label, papers and who got it (hashed)."""

    path: Path
    entries: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> SentLog:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError) as exc:
            raise PaperboyError(f"{path}: cannot read the digest log ({exc})") from None
        if not isinstance(data, dict):
            raise PaperboyError(f"{path}: the digest log is not a JSON object")
        return cls(path, data)

    def delivered(self, key: str) -> set[str]:
        return set(self.entries.get(key, {}).get("delivered", []))

    def record(self, digest: Digest, delivered: set[str]) -> None:
        entry = self.entries.setdefault(digest.key, {})
        entry.update({
            "label": digest.period.label, "kind": digest.period.kind, "start": digest.period.start.isoformat(),
            "tag": digest.tag, "papers": [p.arxiv_id for p in digest.papers],
            "delivered": sorted(self.delivered(digest.key) | delivered),
        })
        text = json.dumps(dict(sorted(self.entries.items())), indent=2, ensure_ascii=False) + "\n"
        write_atomic(self.path, text.encode("utf-8"))


@dataclass(frozen=True)
class SendResult:
    sent: tuple[str, ...]
    skipped: tuple[str, ...]
    """Recipients who already had this digest."""
    failed: tuple[tuple[str, str], ...]
    """(recipient, reason)."""


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if smtp.tls == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=60, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=60)
        if smtp.tls == "starttls":
            client.starttls(context=context)
    if smtp.user:
        client.login(smtp.user, smtp.password)
    return client


def _connect_or_fail(smtp: SmtpSettings) -> smtplib.SMTP:
    try:
        return _connect(smtp)
    except (OSError, smtplib.SMTPException) as exc:
        raise PaperboyError(f"cannot reach the mail server {smtp.host}:{smtp.port}: {exc}") from None


def _send_each(message: EmailMessage, todo: list[str], smtp: SmtpSettings, sent: list[str],
               failed: list[tuple[str, str]]) -> None:
    """One copy per recipient, To: that recipient only; appends to `sent` and `failed`."""
    client = _connect_or_fail(smtp)
    try:
        for recipient in todo:
            copy = deepcopy(message)
            copy["To"] = recipient
            try:
                client.send_message(copy, from_addr=parseaddr(smtp.sender)[1], to_addrs=[recipient])
                sent.append(recipient)
            except smtplib.SMTPRecipientsRefused as exc:
                code, reason = next(iter(exc.recipients.values()))
                text = reason.decode(errors="replace") if isinstance(reason, bytes) else reason
                failed.append((recipient, f"{code} {text}"))
            except smtplib.SMTPException as exc:
                failed.append((recipient, str(exc)))
                if isinstance(exc, smtplib.SMTPServerDisconnected):
                    client = _connect_or_fail(smtp)
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            pass


def deliver(message: EmailMessage, digest: Digest, smtp: SmtpSettings, log: SentLog) -> SendResult:
    """One message per recipient; a refused recipient is reported and the others still get theirs."""
    already = log.delivered(digest.key)
    todo = [r for r in smtp.recipients if address_hash(r) not in already]
    skipped = tuple(r for r in smtp.recipients if address_hash(r) in already)
    sent: list[str] = []
    failed: list[tuple[str, str]] = []
    try:
        if todo:
            _send_each(message, todo, smtp, sent, failed)
    finally:
        # Whatever went out is remembered, even when the connection broke half-way: a rerun
        # must never send anyone the same period twice.
        log.record(digest, {address_hash(r) for r in sent})
    return SendResult(tuple(sent), skipped, tuple(failed))


def sender_name(settings: Settings, address: str) -> str:
    name, email = parseaddr(address)
    return formataddr((name or settings.site_name, email))


@dataclass(frozen=True)
class Outcome:
    """What `paperboy digest` did."""

    digest: Digest
    problems: tuple[str, ...]
    """Records that could not be read (left out of the digest)."""
    preview: Path | None = None
    """The file written instead of sending (no `--send`)."""
    result: SendResult | None = None
    """What sending did (with `--send`, when there were papers)."""


def run(settings: Settings, *, kind: str, day: dt.date | None, now: dt.datetime, tag: str | None = None,
        send: bool = False, output: Path | None = None, recipients_file: Path | None = None) -> Outcome:
    """The digest of the period holding `day` (default: the last complete one before `now`'s
    day), dated `now` (an aware time): written to a preview file, or sent to each recipient who
    has not had it yet."""
    from ..storage.corpus import Corpus

    loaded = Corpus(settings).records()
    period = Period.of(kind, day) if day else Period.last_complete(kind, now.date())
    chosen = select(loaded.papers, period, settings, tag=tag)
    if not chosen.papers:
        return Outcome(chosen, loaded.problems)
    if send:
        smtp: SmtpSettings | None = SmtpSettings.from_env(recipients_file=recipients_file)
        sender = sender_name(settings, smtp.sender)
    else:
        smtp = None
        sender = sender_name(settings, environment.DIGEST_FROM.get() or "digest@example.org")
    address = sender.rpartition("<")[2].rstrip(">")
    unsubscribe = settings.digest_unsubscribe or f"mailto:{address}?subject=unsubscribe"
    message = render(chosen, settings, sender=sender, unsubscribe=unsubscribe, date=now)
    if smtp is None:
        preview = output or Path(f"digest-{chosen.key}.eml")
        preview.write_bytes(bytes(message))
        return Outcome(chosen, loaded.problems, preview=preview)
    return Outcome(chosen, loaded.problems, result=deliver(message, chosen, smtp, SentLog.load(settings.digest_log)))
