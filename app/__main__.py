"""`python -m app` opens the GUI; `python -m app <comando>` runs a headless command."""

import sys

from app.cli import main

sys.exit(main())
