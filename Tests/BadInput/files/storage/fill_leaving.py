"""Fills the file system holding FILE with FILE until only BYTES are left: fill_leaving.py FILE BYTES.

Leaving a little room lets a run get as far as its checkpoint save and run out of space there. Writes
are unbuffered: a buffered file would fail once more when it is closed, with the disk already full.
"""
import os
import sys

path, free = sys.argv[1], int(sys.argv[2])
descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
block = b"\0" * 4096
size = 0
try:
    while True:
        size += os.write(descriptor, block)
except OSError:
    pass
# Shrinking the file gives the room back.
os.ftruncate(descriptor, max(size - free, 0))
os.close(descriptor)
