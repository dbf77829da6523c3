"""What the tests of every tier share: the test data and site copies (site.py), stand-ins for
the services on 127.0.0.1 (replay.py, arxiv_standin.py, github_standin.py, hub_standin.py,
smtp.py), git checkouts of the repository with a stand-in .venv (checkout.py), hostile input
(hostile.py) and Chromium (browser.py). Test modules import from here, never from each other."""
