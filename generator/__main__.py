"""`python -m generator` is the same as the `paperboy` command."""

import sys

from .cli import main

sys.exit(main())
