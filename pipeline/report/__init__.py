from pipeline.report.html import *  # noqa: F401,F403  (transition)
from pipeline.report.html import safe_cell_text, char_diff, comparison_rows, coverage_class  # noqa: F401
