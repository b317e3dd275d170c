"""python -m sitrep"""

from sitrep.interfaces.cli import main

main()
