"""A newsletter form, when the config names one, on Subscribe and the home page (issue 21)."""

from __future__ import annotations

from tests.support.site import make_site, run_paperboy


def test_a_newsletter_form_appears_on_subscribe_and_home_and_a_bad_action_is_refused(tmp_path):
    """With `newsletter` set, Subscribe and the home page post the address to the service; an
    action that is not https is a config error naming the key."""
    root = make_site(tmp_path / "site")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")

    def newsletter(action: str) -> None:
        block = f"    newsletter:\n      action: {action}\n      field: email\n      name: Buttondown\n"
        (root / "mkdocs.yml").write_text(config.replace("    thumbnails: previews\n", "    thumbnails: previews\n" + block),
                                         encoding="utf-8")

    newsletter("https://buttondown.com/api/emails/embed-subscribe/example")
    run_paperboy(root, "generate")
    for page in ("subscribe.md", "index.md"):
        text = (root / "content" / page).read_text(encoding="utf-8")
        assert '<form class="pb-signup" action="https://buttondown.com/api/emails/embed-subscribe/example" method="post"' in text
        assert 'name="email"' in text and "Buttondown" in text
    newsletter("http://example.org/signup")
    result = run_paperboy(root, "generate", check=False)
    assert result.returncode != 0 and "extra.paperboy.newsletter.action" in result.stderr
