"""The corpus batch: tables, incremental cache, failures, atomic outputs, determinism."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline import batch
from pipeline.batch import publish
from pipeline.batch import run_batch
from tests.conftest import RAW

TESTS = Path(__file__).resolve().parent


@pytest.fixture
def corpus(tmp_path) -> Path:
    raw = tmp_path / "raw"
    (raw / "市町村 テンプレート").mkdir(parents=True)
    shutil.copy(RAW / "hofu-city.txt", raw / "市町村 テンプレート" / "防府市 特記事項.txt")
    shutil.copy(RAW / "fukuoka-pref.pdf", raw / "fukuoka-pref.pdf")
    shutil.copy(TESTS / "devset" / "municipal-vs-prefecture" / "a.txt", raw / "municipal.txt")
    (raw / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage that is no PDF")
    return raw


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_batch_tables(corpus, tmp_path):
    out = tmp_path / "processed"
    raw_before = _snapshot(corpus)
    result = run_batch(corpus, out, jobs=2, progress=False)
    assert _snapshot(corpus) == raw_before  # data/raw is never written

    documents = pd.read_parquet(out / "documents.parquet")
    assert list(documents.columns) == batch.DOCUMENT_COLUMNS
    by_source = documents.set_index("source")
    assert by_source.loc["broken.pdf", "status"] == "error" and "corrupt" in by_source.loc["broken.pdf", "error"]
    assert by_source.loc["市町村 テンプレート/防府市 特記事項.txt", "issuer"] == "防府市"
    assert by_source.loc["fukuoka-pref.pdf", "issuer"] == "福岡県"
    assert by_source.loc["fukuoka-pref.pdf", "pages"] == 3 and by_source.loc["fukuoka-pref.pdf", "articles"] == 19

    alignments = pd.read_parquet(out / "alignments.parquet")
    assert len(alignments.groupby(["a_source", "b_source"])) == 3  # every pair of the 3 readable documents
    pair = alignments[(alignments.a_source == "fukuoka-pref.pdf") & (alignments.b_source == "市町村 テンプレート/防府市 特記事項.txt")]
    incident = pair[(pair.a == "14") & (pair.b == "11")].iloc[0]
    assert incident.status == "divergent" and "deadline: 直ちに → 速やかに" in incident.reasons

    checklist = pd.read_parquet(out / "checklist.parquet")
    assert len(checklist) == 3 * 10
    hofu = checklist[checklist.source == "市町村 テンプレート/防府市 特記事項.txt"].set_index("item")
    assert set(hofu.checklist) == {"kojinjoho"}  # 防府市 is not about 特定個人情報
    assert set(checklist[checklist.source.str.contains("fukuoka")].checklist) == {"mynumber"}
    assert set(checklist.status) <= {"present", "partial", "missing"}

    coverage = pd.read_csv(out / "coverage.csv", index_col=0, keep_default_na=False)
    assert {"防府市", "福岡県", "imposed by", "usual wording"} <= set(coverage.index)
    assert coverage.loc["imposed by", "秘密保持義務"] == "3/3"
    assert coverage.loc["防府市", "特定個人情報を取り扱う従業者の明確化"] == ""
    assert (out / "coverage.xlsx").stat().st_size > 0
    assert result.failures and result.extracted == 4


def test_rerun_uses_the_cache_and_a_new_file_is_processed_alone(corpus, tmp_path, monkeypatch):
    out = tmp_path / "processed"
    run_batch(corpus, out, jobs=1, progress=False)
    first = _snapshot(out)

    def fail(*args, **kwargs):
        raise AssertionError("nothing should be extracted or compared again")

    monkeypatch.setattr(batch, "analyse_document", fail)
    monkeypatch.setattr(batch, "compare_tokenized", fail)
    result = run_batch(corpus, out, jobs=1, progress=False)
    assert (result.extracted, result.compared) == (0, 0)
    assert _snapshot(out) == first  # byte-identical outputs
    monkeypatch.undo()

    shutil.copy(TESTS / "devset" / "municipal-vs-prefecture" / "b.txt", corpus / "prefecture.txt")
    result = run_batch(corpus, out, jobs=1, progress=False)
    assert result.extracted == 1  # only the new file
    assert result.compared == 3  # the new file against each of the three readable ones


def test_same_input_same_bytes_from_a_cold_start(corpus, tmp_path):
    run_batch(corpus, tmp_path / "one", jobs=2, progress=False)
    run_batch(corpus, tmp_path / "two", jobs=1, progress=False)
    one = {k: v for k, v in _snapshot(tmp_path / "one").items() if not k.startswith(".cache")}
    two = {k: v for k, v in _snapshot(tmp_path / "two").items() if not k.startswith(".cache")}
    assert one == two


def test_reference_mode_compares_each_against_one(corpus, tmp_path):
    out = tmp_path / "processed"
    run_batch(corpus, out, reference=corpus / "fukuoka-pref.pdf", jobs=1, progress=False)
    alignments = pd.read_parquet(out / "alignments.parquet")
    assert set(alignments.a_source) == {"fukuoka-pref.pdf"}
    assert set(alignments.b_source) == {"市町村 テンプレート/防府市 特記事項.txt", "municipal.txt"}


def test_reference_mode_compares_in_this_process_as_files_arrive_and_agrees_with_the_workers(corpus, tmp_path,
                                                                                             monkeypatch):
    """REFERENCE mode compares each file with the reference in the main process while the
    workers read the rest; the rows are those the worker pool gives in all-pairs mode."""
    pooled = tmp_path / "pooled"
    run_batch(corpus, pooled, jobs=2, progress=False)
    sent_to_the_pool = []
    pool = batch.run_parallel
    monkeypatch.setattr(batch, "run_parallel", lambda f, args, **kw: sent_to_the_pool.extend(args) or pool(f, args, **kw))
    streamed = tmp_path / "streamed"
    result = run_batch(corpus, streamed, reference=corpus / "fukuoka-pref.pdf", jobs=2, progress=False)
    assert result.compared == 2 and sent_to_the_pool == []
    every_pair = pd.read_parquet(pooled / "alignments.parquet")
    against_reference = pd.read_parquet(streamed / "alignments.parquet")
    assert len(against_reference) > 0
    kept = every_pair[every_pair.a_source == "fukuoka-pref.pdf"].reset_index(drop=True)
    pd.testing.assert_frame_equal(against_reference.reset_index(drop=True), kept)


def test_an_interrupted_run_leaves_the_previous_outputs(corpus, tmp_path, monkeypatch):
    out = tmp_path / "processed"
    run_batch(corpus, out, jobs=1, progress=False)
    before = {k: v for k, v in _snapshot(out).items() if not k.startswith(".cache")}

    shutil.copy(TESTS / "devset" / "municipal-vs-prefecture" / "b.txt", corpus / "prefecture.txt")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(publish, "write_parquet", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_batch(corpus, out, jobs=1, progress=False)
    after = {k: v for k, v in _snapshot(out).items() if not k.startswith((".cache", ".tokki-staging"))}
    assert after == before
    pd.read_parquet(out / "documents.parquet")  # still readable
    monkeypatch.undo()
    result = run_batch(corpus, out, jobs=1, progress=False)  # and the next run completes
    assert len(result.documents) == 5 and result.extracted == 0  # the new file was cached before the interrupt


def test_report_pages_follow_the_comparisons(corpus, tmp_path):
    out = tmp_path / "processed"
    run_batch(corpus, out, jobs=1, progress=False)
    assert len(list((out / "report").glob("compare-*.html"))) == 3
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "broken.pdf" in index and "防府市" in index
    run_batch(corpus, out, reference=corpus / "municipal.txt", jobs=1, progress=False)
    assert len(list((out / "report").glob("compare-*.html"))) == 2  # stale pages removed


def test_a_file_that_disappears_mid_batch_is_a_failure_and_the_rest_goes_on(corpus, tmp_path, monkeypatch):
    (corpus / "gone-before-reading.txt").write_text("第１ 乙は、…", encoding="utf-8")
    listed = batch.discover(corpus)
    monkeypatch.setattr(batch, "discover", lambda raw_dir, unreadable=None: listed)
    (corpus / "gone-before-reading.txt").unlink()  # listed, then gone before it is read

    result = run_batch(corpus, tmp_path / "processed", jobs=1, progress=False)
    errors = {d["source"]: d["error"] for d in result.failures}
    assert errors["gone-before-reading.txt"] == "file not found"
    assert {d["source"] for d in result.documents if d["status"] == "ok"} == {
        "市町村 テンプレート/防府市 特記事項.txt", "fukuoka-pref.pdf", "municipal.txt"}


def test_each_file_is_read_once_and_analysed_once(corpus, tmp_path, monkeypatch):
    from pipeline import api
    from pipeline.extract import read_source

    reads, analysed = [], []
    monkeypatch.setattr(batch, "read_source", lambda path: reads.append(path) or read_source(path))
    real_dispatch = batch.iter_bounded

    def dispatch(function, argument_tuples, *args, **kwargs):  # what goes to the workers
        assert function is api.analyse_document
        analysed.extend(source.name for source, _ in argument_tuples)
        return real_dispatch(function, argument_tuples, *args, **kwargs)

    monkeypatch.setattr(batch, "iter_bounded", dispatch)
    run_batch(corpus, tmp_path / "processed", jobs=1, progress=False)
    assert sorted(reads) == sorted(batch.discover(corpus))
    assert sorted(analysed) == sorted(str(p) for p in batch.discover(corpus))


def test_a_file_over_the_time_limit_is_retried_on_the_next_run(corpus, tmp_path):
    from pipeline.extract.limits import ExtractOptions

    out = tmp_path / "processed"
    slow = run_batch(corpus, out, jobs=2, progress=False, options=ExtractOptions(timeout=1e-4))
    assert all(d["status"] == "error" for d in slow.documents)
    assert any("longer than the limit" in d["error"] for d in slow.documents)
    result = run_batch(corpus, out, jobs=2, progress=False)
    assert result.extracted == 4  # nothing of the timed-out run was cached
    # a finished result stands whatever the time limit: the limit is not part of the cache key
    result = run_batch(corpus, out, jobs=2, progress=False, options=ExtractOptions(timeout=1e-4))
    assert sum(d["status"] == "ok" for d in result.documents) == 3 and result.extracted == 0


def test_ctrl_c_while_outputs_are_moved_in_is_held_until_all_are(corpus, tmp_path, monkeypatch, request):
    import os
    import signal

    # Ctrl-C as at a terminal: a process started in the background (`cmd &` in a script, some
    # CI runners) inherits SIGINT ignored, and tokki rightly keeps it ignored
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    request.addfinalizer(lambda: signal.signal(signal.SIGINT, previous))
    out = tmp_path / "processed"
    run_batch(corpus, out, jobs=1, progress=False)
    shutil.copy(TESTS / "devset" / "municipal-vs-prefecture" / "b.txt", corpus / "prefecture.txt")
    moves = []
    real_replace = os.replace

    def replace_and_interrupt(source, target):
        if ".tokki-staging" in str(source) and ".tokki-staging" not in str(target):  # moving outputs in
            if not moves:
                signal.raise_signal(signal.SIGINT)  # Ctrl-C as the first output is moved in
            moves.append(target)
        real_replace(source, target)

    monkeypatch.setattr(publish.os, "replace", replace_and_interrupt)
    with pytest.raises(KeyboardInterrupt):
        run_batch(corpus, out, jobs=1, progress=False)
    monkeypatch.undo()
    documents = pd.read_parquet(out / "documents.parquet")
    assert len(moves) > 5 and "prefecture.txt" in set(documents.source)  # every output moved in
    assert len(pd.read_parquet(out / "clauses.parquet").source.unique()) == 4


def test_a_killed_batch_leaves_whole_files_and_the_next_run_completes(corpus, tmp_path):
    """SIGKILL at chosen moments of a run: right after the first cache entry is written, when
    everything is staged but nothing moved in, and halfway through moving the outputs in.
    Every output is still a whole, readable file, and the next run gives exactly what an
    uninterrupted run gives."""
    import json
    import os
    import signal
    import subprocess
    import sys

    # The child is `tokki batch` with one function wrapped so that the process kills itself at
    # a known moment (not after a sleep: that lands elsewhere on a slower or faster machine).
    # It writes a marker saying where just before the kill, so the test knows it got there.
    killing_batch = tmp_path / "killing_batch.py"
    killing_batch.write_text("""
import json
import os
import signal
import sys
from pathlib import Path

point, marker, arguments = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]


def kill(**where):
    marker.write_text(json.dumps({"point": point, **where}), encoding="utf-8")
    os.kill(os.getpid(), signal.SIGKILL)


if point == "first-cache-entry":
    from pipeline.batch.cache import Cache

    put = Cache.put

    def put_then_kill(self, kind, key, value):
        put(self, kind, key, value)
        kill(entry=str(self.root / kind / f"{key}.json"))

    Cache.put = put_then_kill
else:  # before the first ("before-moving-in") or the middle ("moving-in") move out of .tokki-staging
    replace = os.replace  # pipeline.batch.publish moves the outputs in with os.replace
    staged, moved = [], []

    def replace_or_kill(source, target):
        source, target = Path(source), Path(target)
        if ".tokki-staging" in source.parts and ".tokki-staging" not in target.parts:  # an output moved in
            if not staged:  # the first: every output is still staged
                staging = Path(*source.parts[: source.parts.index(".tokki-staging") + 1])
                staged.extend(p.relative_to(staging).as_posix() for p in sorted(staging.rglob("*")) if p.is_file())
            if len(moved) == (0 if point == "before-moving-in" else len(staged) // 2):
                kill(staged=staged, moved=len(moved))
            moved.append(target)
        replace(source, target)

    os.replace = replace_or_kill

from pipeline.cli import main

sys.exit(main(arguments))
""", encoding="utf-8")

    root = TESTS.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    out = tmp_path / "processed"
    arguments = ["batch", str(corpus), "--out", str(out), "--no-progress", "--jobs", "1"]

    def outputs() -> dict[str, bytes]:
        return {k: v for k, v in _snapshot(out).items() if not k.startswith(".")}

    first = subprocess.run([sys.executable, "-m", "pipeline", *arguments], capture_output=True, cwd=root, env=env)
    assert (out / "report" / "index.html").is_file(), first.stderr.decode()
    # new work for the killed runs: one document to analyse, three pairs to compare, new outputs
    shutil.copy(TESTS / "devset" / "municipal-vs-prefecture" / "b.txt", corpus / "prefecture.txt")
    tables = ("documents", "clauses", "alignments", "checklist")
    for point in ("first-cache-entry", "before-moving-in", "moving-in"):
        before = outputs()
        marker = tmp_path / f"{point}.json"
        child = subprocess.run([sys.executable, str(killing_batch), point, str(marker), *arguments],
                               capture_output=True, cwd=root, env=env)
        assert child.returncode == -signal.SIGKILL, (point, child.returncode, child.stderr.decode())
        assert marker.is_file(), point  # killed by the wrapper, at its point
        where = json.loads(marker.read_text(encoding="utf-8"))
        assert where["point"] == point

        for table in tables:
            pd.read_parquet(out / f"{table}.parquet")  # whole, old or new
        assert (out / "report" / "index.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
        after = outputs()
        if point == "first-cache-entry":
            assert Path(where["entry"]).is_file()
            assert after == before  # nothing published yet
        else:
            assert {f"{table}.parquet" for table in tables} | {"coverage.csv", "report/index.html"} <= set(where["staged"])
            if point == "before-moving-in":
                assert where["moved"] == 0 and after == before  # all staged, none moved in
            else:
                assert 0 < where["moved"] < len(where["staged"])
                assert after != before  # some outputs new, the rest old

    subprocess.run([sys.executable, "-m", "pipeline", *arguments], capture_output=True, cwd=root, env=env)
    assert not (out / ".tokki-staging").exists()  # that run went to the end
    run_batch(corpus, tmp_path / "clean", jobs=1, progress=False)
    clean = {k: v for k, v in _snapshot(tmp_path / "clean").items() if not k.startswith(".")}
    assert outputs() == clean
