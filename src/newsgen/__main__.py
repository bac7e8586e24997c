"""`python -m newsgen`, the same as the `newsgen` command."""

import sys

from newsgen.cli import main

sys.exit(main())
