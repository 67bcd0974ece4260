"""Exits 1 unless two metrics logs hold the same epochs with the same losses, digit for digit.

Usage: same_losses.py RESUMED.jsonl STRAIGHT.jsonl. Times, speeds and memory differ from run to run and are not
compared; the losses of a resumed run must be those of the uninterrupted one exactly.
"""
import json
import sys

LOSSES = ("epoch", "train_loss", "validation_loss")


def losses(path):
    with open(path) as log:
        # parse_float=str keeps each number as written, so that equal means bit-identical.
        lines = [json.loads(line, parse_float=str) for line in log if line.strip()]
    return [{key: line.get(key) for key in LOSSES} for line in lines]


resumed, straight = losses(sys.argv[1]), losses(sys.argv[2])
if resumed != straight or not straight:
    sys.exit(f"the losses differ:\n  resumed  {resumed}\n  straight {straight}")
print(f"{len(straight)} epochs, the same losses")
