"""The instruction split of a callgrind profile of training steps, per kind of kernel, as one JSON line.

Usage: split.py MODEL CALLGRIND_OUT [STEPS]   (callgrind.sh leaves .build/callgrind-MODEL.out; STEPS as given to it)
Every function's own (exclusive) instructions go to the first kind whose pattern its name matches; memset
called by OpenBLAS's sgemm_beta (a product with beta = 0 clears its output first) counts as sgemm.
"""
import json
import re
import subprocess
import sys

KINDS = [
    ("sgemm", r"libopenblas|sgemm|ssyrk|sgemv"),
    ("unfold", r"imageToColumns|columnsToImage"),
    ("layout", r"ConvolutionLayout"),
    ("optimizer", r"OptimizerKernels|Adam|adam"),
    ("elementwise", r"mapped|zipMapped|broadcast|Elementwise|Activation|sum|Softmax|softmax|Loss|loss|Pool|pool|"
                    r"meanSquared|crossEntropy|VectorExp|total|addBias"),
    ("allocation", r"malloc|free|calloc|Storage|swift_slowAlloc|swift_allocObject|swift_deallocObject|memset|_int_"),
    ("copies", r"memcpy|memmove|update"),
]

model, path = sys.argv[1], sys.argv[2]
steps = int(sys.argv[3]) if len(sys.argv) > 3 else 2
tree = subprocess.run(["callgrind_annotate", "--tree=caller", "--threshold=100", path], capture_output=True, text=True,
                      check=True).stdout
line = re.compile(r"^\s*([\d,]+) \([ \d.]+%\)\s+([<*])\s+(.*)$")
shares = {kind: 0 for kind, _ in KINDS} | {"other": 0}
total, callers = 0, []
for text in tree.splitlines():
    if "PROGRAM TOTALS" in text:
        total = int(text.split()[0].replace(",", ""))
        continue
    match = line.match(text)
    if not match:
        callers = []
        continue
    count, mark, name = int(match[1].replace(",", "")), match[2], match[3]
    if mark == "<":
        callers.append((count, name))
        continue
    if "memset" in name:  # the part its callers in OpenBLAS asked for is the product's
        from_blas = sum(c for c, caller in callers if "sgemm" in caller)
        shares["sgemm"] += from_blas
        count -= from_blas
    kind = next((kind for kind, pattern in KINDS if re.search(pattern, name)), "other")
    shares[kind] += count
    callers = []
print(json.dumps({"benchmark": f"callgrind-{model}", "steps": steps, "instructions": total,
                  **{f"{kind}_share": value / total for kind, value in shares.items()}}))
