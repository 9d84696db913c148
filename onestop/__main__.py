"""`python -m onestop` runs the same entry point as the `onestop` console script."""

import sys

from onestop.cli import main

sys.exit(main())
