"""Copies the first half of a file: truncate.py SOURCE DESTINATION (a download or copy cut short)."""
import sys
from pathlib import Path

data = Path(sys.argv[1]).read_bytes()
Path(sys.argv[2]).write_bytes(data[:len(data) // 2])
