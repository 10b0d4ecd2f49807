"""Reports for people, built from a Comparison or a batch's Coverage:

    html.py     the comparison page and the batch's index page (Jinja2 templates/, static/)
    view.py     the comparison's view model: one Row per alignment, the matched parts
    diff.py     the character diff of a divergent pair
    heatmap.py  the similarity map's view model (an HTML table in the page)
    xlsx.py     the workbooks: 新旧対照表 of a comparison, the coverage matrix
    cells.py    spreadsheet cell text that cannot run as a formula
"""
