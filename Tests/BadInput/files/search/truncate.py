"""Cuts a file to a fraction of its length, in place: a damaged index for the catalogue.
Usage: python3 truncate.py FILE FRACTION"""
import os
import sys

path, fraction = sys.argv[1], float(sys.argv[2])
os.truncate(path, int(os.path.getsize(path) * fraction))
