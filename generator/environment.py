"""The environment: every variable the generator reads, declared once with what it means, and
read only through `Variable.get` (config.py, the digest, the curator's command ask here).

An empty variable counts as unset everywhere, as in a workflow that passes `${{ vars.X }}` for a
value nobody set. What each command reads is listed in its `--help` (generator/cli.py, from
these declarations and the stream registry); mkdocs.yml's own `!ENV` tags (PAPERBOY_SITE_URL)
are read by MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Variable:
    """One environment variable."""

    name: str
    meaning: str
    """What it sets, in a few words (the commands' --help prints it)."""

    def get(self, environ: Mapping[str, str] | None = None) -> str:
        """Its value ("" when unset), from the process's environment or `environ`."""
        return (os.environ if environ is None else environ).get(self.name, "")

    def entry(self) -> tuple[str, str]:
        """(name, meaning), as a command's help lists it."""
        return self.name, self.meaning


# --- where the sources are, and how often they are asked (paperboy fetch) ---------------------
HF_API = Variable("PAPERBOY_HF_API", "Hugging Face API base URL (default https://huggingface.co/api; "
                                     "overrides extra.paperboy.hf_api)")
ARXIV_API = Variable("PAPERBOY_ARXIV_API", "arXiv API URL (default https://export.arxiv.org/api/query; "
                                           "overrides extra.paperboy.arxiv_api)")
ARXIV_INTERVAL = Variable("PAPERBOY_ARXIV_INTERVAL", "seconds between arXiv requests (default 3, never less for "
                                                     "arXiv's own hosts; overrides extra.paperboy.arxiv.interval)")
HUB_INTERVAL = Variable("PAPERBOY_HUB_INTERVAL", "seconds between requests to the Hugging Face Hub (overrides "
                                                 "extra.paperboy.hub.interval)")
HF_TOKEN = Variable("HF_TOKEN", "a Hugging Face token, sent to the Hub when set (a higher rate limit; never logged)")
SITE_URL = Variable("PAPERBOY_SITE_URL", "the site's address, when set (mkdocs.yml's site_url reads it)")

# --- e-mail (paperboy digest --send) ---------------------------------------------------------
SMTP_HOST = Variable("PAPERBOY_SMTP_HOST", "the mail server (with --send)")
SMTP_PORT = Variable("PAPERBOY_SMTP_PORT", "its port (default 587, 465 or 25 by PAPERBOY_SMTP_TLS)")
SMTP_USER = Variable("PAPERBOY_SMTP_USER", "login, when the server wants one")
SMTP_PASSWORD = Variable("PAPERBOY_SMTP_PASSWORD", "password for that login")
SMTP_TLS = Variable("PAPERBOY_SMTP_TLS", "starttls (default), ssl or none")
DIGEST_FROM = Variable("PAPERBOY_DIGEST_FROM", "the sender, e.g. 'Small LM Daily <digest@example.org>'")
DIGEST_TO = Variable("PAPERBOY_DIGEST_TO", "recipients, comma-separated (besides --to-file)")
SMTP = (SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_TLS, DIGEST_FROM, DIGEST_TO)

# --- GitHub's own, set by Actions (paperboy curate-comment) ----------------------------------
GITHUB_API_URL = Variable("GITHUB_API_URL", "GitHub's API (Actions sets it; default https://api.github.com)")
GITHUB_REPOSITORY = Variable("GITHUB_REPOSITORY", "owner/name of the repository (Actions sets it)")
GITHUB_SERVER_URL = Variable("GITHUB_SERVER_URL", "GitHub's address (Actions sets it): with GITHUB_REPOSITORY, the "
                                                   "repository readers report to when mkdocs.yml has no repo_url")
GITHUB_TOKEN = Variable("GITHUB_TOKEN", "the job's token, to ask GitHub whether the comment's author has write access "
                                           "and which readers' reports are open")
GITHUB = (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN)
