"""What the tests of every tier share: the test data and site copies (site.py), stand-ins for
the services on 127.0.0.1 (replay.py, arxiv_standin.py, github_standin.py, hub_standin.py,
smtp.py), git checkouts with a stand-in .venv (checkout.py), the curator's payloads and steps
(curator.py), the workflows read as GitHub runs them: expressions, events and schedules
(expressions.py, actions.py, cron.py), hostile input (hostile.py) and Chromium (browser.py).
Test modules import from here, never from each other."""
