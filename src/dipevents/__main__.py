"""`python -m dipevents` runs the command-line interface."""

import sys

from dipevents.cli import main

sys.exit(main())
