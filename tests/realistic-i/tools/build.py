# Auxiliary: writes the 40 files of realistic-i from docs.py.
import sys, os
sys.path.insert(0, os.path.dirname(__file__))
from engine import write
from docs import D
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for spec in D:
    write(spec, OUT)
print(len(D), 'documents written')
