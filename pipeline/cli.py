"""The `tokki` command. ``main(argv)`` returns the exit code, so tests call it directly."""

from __future__ import annotations

import functools
import json
import logging
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.extract.limits import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT, ExtractOptions
from pipeline.model import SegmentedDocument, TokkiError
from pipeline.text.normalize import visible

EXIT_OK, EXIT_INPUT_ERROR, EXIT_USAGE = 0, 1, 2


def render_outline(document: SegmentedDocument) -> str:
    """A readable outline: one block per clause, indented by depth, ids in brackets."""
    lines = [f"{document.source} — {document.title or '(no title)'}"]
    if document.ocr_note:
        lines.append(document.ocr_note)
    lines += [f"warning: {warning}" for warning in document.warnings]
    articles = document.articles()
    lines.append(f"{len(articles)} articles, {len(document.clauses)} clauses")
    for clause in document.clauses:
        depth = clause.id.count(".")
        indent = "    " * depth
        if clause.kind == "article":
            heading = f"（{clause.heading}）" if clause.heading else ""
            lines.append("")
            lines.append(f"[{clause.id}] {clause.label}{heading}  p.{clause.page}")
        else:
            label = f"{clause.label} " if clause.label else ""
            lines.append(f"{indent}[{clause.id}] {label}{clause.own_text}".rstrip())
    return "\n".join(lines) + "\n"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tokki")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
def cli(verbose: bool) -> None:
    """tokki — compare Japanese contract templates (特記事項) clause by clause."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


def extraction_options(command):
    """--ocr, --max-pages, --timeout and --max-memory, for every command that reads templates; the command
    gets them as one ``options`` (ExtractOptions). Each can also be set in the environment."""

    @functools.wraps(command)
    def with_options(*args, ocr: bool, max_pages: int, timeout: float, max_memory: int, **kwargs):
        options = ExtractOptions(ocr=ocr, max_pages=max_pages or None, timeout=timeout or None,
                                 max_memory_mb=max_memory or None)
        return command(*args, options=options, **kwargs)

    decorators = [
        click.option("--ocr/--no-ocr", default=False, envvar="TOKKI_OCR", show_default=True,
                     help="Read pages that have no usable text layer (scans, fonts without a Unicode map) by "
                          "OCR (tesseract, Japanese; `make ocr` installs it). Their text is marked as OCR."),
        click.option("--max-pages", type=click.IntRange(0), default=DEFAULT_MAX_PAGES, envvar="TOKKI_MAX_PAGES",
                     show_default=True, help="Refuse a PDF with more pages than this (0: no limit)."),
        click.option("--timeout", type=click.FloatRange(0), default=DEFAULT_TIMEOUT, envvar="TOKKI_TIMEOUT",
                     show_default=True, help="Give up on a file after this many seconds (0: no limit)."),
        click.option("--max-memory", type=click.IntRange(0), default=DEFAULT_MAX_MEMORY_MB, envvar="TOKKI_MAX_MEMORY",
                     show_default=True, metavar="MB",
                     help="Give up on a file whose reading needs more memory than this, in MB (0: no limit)."),
    ]
    for decorator in reversed(decorators):
        with_options = decorator(with_options)
    return with_options


@cli.command("segment")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@extraction_options
def segment_command(file: Path, fmt: str, options: ExtractOptions) -> None:
    """Extract FILE (.pdf, .txt, .docx) and print its numbered clauses."""
    segmented = _load(file, options)
    if fmt == "json":
        click.echo(json.dumps(segmented.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_outline(segmented), nl=False)


def _load(file: Path, options: ExtractOptions) -> SegmentedDocument:
    from pipeline.api import read_document
    from pipeline.isolation import Bounds, run_bounded

    # in a child process: a file whose reading hangs in C code or takes all the memory ends as
    # one error line, within --timeout and --max-memory
    document = run_bounded(read_document, (file, options), Bounds.of(options), source=str(file))
    for warning in document.warnings:
        click.echo(f"tokki: warning: {file}: {warning}", err=True)
    return document


def _article_title(document: SegmentedDocument, article_id: str) -> str:
    return document.by_id(article_id).title


def render_comparison(comparison) -> str:
    a, b = comparison.a, comparison.b
    counts = comparison.counts()
    lines = [
        f"A: {a.source} — {a.title or '(no title)'} ({len(a.articles())} articles)",
        f"B: {b.source} — {b.title or '(no title)'} ({len(b.articles())} articles)",
        *(f"{letter}: {doc.ocr_note}" for letter, doc in (("A", a), ("B", b)) if doc.ocr_note),
        *(f"{letter}: warning: {warning}" for letter, doc in (("A", a), ("B", b)) for warning in doc.warnings),
        ", ".join(f"{n} {status}" for status, n in counts.items()),
        "",
    ]
    marks = {"equivalent": "=", "divergent": "≠", "missing": "−", "extra": "+"}
    for record in comparison.alignments:
        mark = marks[record.status]
        if record.status in ("equivalent", "divergent"):
            units = ""
            if record.a_units != [record.a] or record.b_units != [record.b]:
                units = f"  [{', '.join(record.a_units)} ↔ {', '.join(record.b_units)}]"
            wording = " (wording differs)" if record.identical is False and not record.reasons else ""
            lines.append(f"{mark} A {_article_title(a, record.a)} ↔ B {_article_title(b, record.b)}"
                         f"  {record.score:.2f} {record.status}{wording}{units}")
        elif record.status == "missing":
            lines.append(f"{mark} A {_article_title(a, record.a)}  missing")
        else:
            lines.append(f"{mark} B {_article_title(b, record.b)}  extra")
        lines += [f"      {reason}" for reason in record.reasons]
        if record.suggestion:
            lines.append(f"      suggested wording: {' '.join(record.suggestion.split())}")
    return "\n".join(lines) + "\n"


@cli.command("compare")
@click.argument("reference", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("review", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "text", "html", "xlsx"]), default="text",
              show_default=True, help="html: a self-contained page with the similarity map; xlsx: a 新旧対照表 workbook (needs -o).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of stdout (required for xlsx).")
@extraction_options
def compare_command(reference: Path, review: Path, fmt: str, output: Path | None, options: ExtractOptions) -> None:
    """Align REFERENCE (A) and REVIEW (B) clause by clause; flag missing and divergent obligations."""
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a workbook: give its path with -o/--output FILE")
    from pipeline.api import compare_documents
    from pipeline.storage import refuse_output_over_input

    refuse_output_over_input(output, [reference, review])

    comparison = compare_documents(_load(reference, options), _load(review, options))
    if fmt in ("html", "xlsx"):
        _write_compare_report(comparison, fmt, output)
        return
    if fmt == "json":
        text = json.dumps(comparison.to_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_comparison(comparison)
    if output is None:
        click.echo(text, nl=False)
    else:
        from pipeline.storage import write_text

        write_text(text, output)


def _write_compare_report(comparison, fmt: str, output: Path | None) -> None:
    if fmt == "xlsx":
        from pipeline.report.xlsx import write_comparison_xlsx

        write_comparison_xlsx(comparison, output)
        return
    from pipeline.report.html import comparison_page, write_comparison_html

    if output is not None:
        write_comparison_html(comparison, output)
    else:  # one self-contained page on stdout
        click.echo(comparison_page(comparison), nl=False)


@cli.command("diff")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "xlsx", "docx"]), default="text",
              show_default=True, help="html: a self-contained page; xlsx, docx: the 新旧対照表 as a workbook or a "
              "Word table (need -o).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of stdout (required for docx).")
@click.option("--unchanged", type=click.Choice(["show", "omit", "略"]), default="show", show_default=True,
              help="How unchanged articles appear in the table.")
@click.option("--old-left", is_flag=True, help="改正前 on the left (the convention is 改正後 left, 改正前 right).")
@extraction_options
def diff_command(old: Path, new: Path, fmt: str, output: Path | None, unchanged: str, old_left: bool,
                 options: ExtractOptions) -> None:
    """Every change between two versions OLD and NEW of one template: a 新旧対照表."""
    if fmt in ("docx", "xlsx") and output is None:
        raise click.UsageError(f"--format {fmt} writes a file: give its path with -o/--output FILE")
    from pipeline.api import diff_documents
    from pipeline.storage import refuse_output_over_input

    refuse_output_over_input(output, [old, new])
    from pipeline.report.shinkyu import render_text, shinkyu_page, write_shinkyu_docx, write_shinkyu_xlsx

    diff = diff_documents(_load(old, options), _load(new, options))
    if fmt in ("docx", "xlsx"):
        (write_shinkyu_docx if fmt == "docx" else write_shinkyu_xlsx)(diff, output, unchanged=unchanged, old_left=old_left)
        return
    if fmt == "html":
        text = shinkyu_page(diff, unchanged=unchanged, old_left=old_left)
    elif fmt == "json":
        text = json.dumps(diff.to_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_text(diff, unchanged)
    if output is None:
        click.echo(text, nl=False)
    else:
        from pipeline.storage import write_text

        write_text(text, output)


def render_check(document: SegmentedDocument, source: dict, why: str, results) -> str:
    present = sum(r.present for r in results)
    partial = sum(r.status == "partial" for r in results)
    lines = [
        f"{document.source} — {document.title or '(no title)'}",
        f"Checklist: {source['publisher']}「{source['title']}」{source.get('version') or ''}",
        f"  {source['section']}",
        f"  applied because {why}",
        *([f"  note: {source['note']}"] if source.get("verified") is False else []),
        *(f"warning: {warning}" for warning in document.warnings),
        f"{present} of {len(results)} items present" + (f", {partial} partial" if partial else ""),
        "",
    ]
    for result in results:
        where = "; ".join(f"{cid} ({'・'.join(result.evidence[cid])})" for cid in result.evidence)
        if result.present:
            lines.append(f"  ✓ {result.item.name}")
            lines.append(f"      {where}")
        elif result.status == "partial":
            lines.append(f"  △ {result.item.name}")
            lines.append(f"      PARTIAL: only touched by {where} — {result.item.description}")
        else:
            lines.append(f"  ✗ {result.item.name}")
            lines.append(f"      MISSING: no clause satisfies it — {result.item.description}")
    return "\n".join(lines) + "\n"


@cli.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@click.option("--checklist", "checklist_id", type=click.Choice(["auto", "mynumber", "kojinjoho"]), default="auto",
              show_default=True, help="auto: the 番号法 list for a template that covers 特定個人情報, else the "
              "個人情報保護法 (行政機関等) list.")
@extraction_options
def check_command(file: Path, fmt: str, checklist_id: str, options: ExtractOptions) -> None:
    """Check FILE against the checklist of what a 委託 contract must contain (the one that applies)."""
    document = _load(file, options)
    chosen = None if checklist_id == "auto" else checklist_id
    if fmt == "json":
        from pipeline.api import check_document

        click.echo(json.dumps(check_document(document, chosen), ensure_ascii=False, indent=2))
    else:
        from pipeline.judge.checklist import check_applicable

        click.echo(render_check(document, *check_applicable(document, chosen)), nl=False)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but this machine's own (127.0.0.1, ::1) is warned about.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option("--max-upload", type=click.IntRange(1), default=64, show_default=True, metavar="MB",
              help="The largest request (both templates together); a larger one is refused (413).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@extraction_options
def serve_command(host: str, port: int, max_upload: int, open_browser: bool, options: ExtractOptions) -> None:
    """A page on this machine for comparing templates in a browser (and a JSON API)."""
    from pipeline.server import serve

    serve(host, port, options=options, max_upload=max_upload * 2**20, open_browser=open_browser)


@cli.command("batch")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data/processed"),
              show_default=True, help="Folder for the output tables and reports.")
@click.option("--reference", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="Compare each template against this one instead of every pair.")
@click.option("--jobs", type=click.IntRange(1), default=None, help="Worker processes (default: up to 2 cores).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@extraction_options
def batch_command(directory: Path, out_dir: Path, reference: Path | None, jobs: int | None,
                  progress: bool | None, options: ExtractOptions) -> None:
    """Process every template under DIRECTORY into OUT: tables, coverage matrix, HTML report."""
    from pipeline.batch import run_batch

    if not (progress if progress is not None else sys.stderr.isatty()):
        logging.getLogger("pipeline.batch").setLevel(logging.INFO)  # plain progress lines instead of a bar
    result = run_batch(directory, out_dir, reference=reference, jobs=jobs, progress=progress, options=options)
    ok = len(result.documents) - len(result.failures)
    click.echo(f"{ok} of {len(result.documents)} documents segmented ({result.extracted} extracted this run), "
               f"{len(result.clauses)} clauses, {result.compared} comparisons run → {out_dir}")
    for failure in result.failures:
        click.echo(f"tokki: error: {visible(str(directory / failure['source']))}: {failure['error']}", err=True)
    if result.failures:
        raise SystemExit(EXIT_INPUT_ERROR)


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="tokki", standalone_mode=False)
    except TokkiError as error:
        click.echo(f"tokki: error: {visible(str(error))}", err=True)
        return EXIT_INPUT_ERROR
    except OSError as error:  # an output that cannot be written: a folder missing, read-only, disk full
        where = f"{visible(str(error.filename))}: " if error.filename else ""
        click.echo(f"tokki: error: {where}{error.strerror or error}", err=True)
        return EXIT_INPUT_ERROR
    except click.exceptions.Abort:
        click.echo("tokki: aborted", err=True)
        return 130
    except click.ClickException as error:
        error.show()
        return EXIT_USAGE if isinstance(error, click.UsageError) else error.exit_code
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
