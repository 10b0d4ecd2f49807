"""The CLI, called through main(argv) as scripts and users call `tokki`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.cli import main
from tests.conftest import RAW


def test_warnings_reach_the_json_and_the_text_output(capsys, tmp_path):
    truncated = tmp_path / "truncated.txt"
    truncated.write_text("個人情報取扱特記事項\n第１　乙は、秘密を保持しなければならない。\n第２　乙は、資料を返還し", encoding="utf-8")
    assert main(["segment", str(truncated), "--format", "json"]) == 0
    captured = capsys.readouterr()
    warnings = json.loads(captured.out)["warnings"]
    assert len(warnings) == 1 and "ends mid-sentence" in warnings[0]
    assert f"tokki: warning: {truncated}: the text ends mid-sentence" in captured.err
    assert main(["segment", str(truncated)]) == 0
    assert "warning: the text ends mid-sentence" in capsys.readouterr().out
    assert main(["check", str(truncated), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["warnings"] == warnings


def test_segment_json_contract(capsys):
    assert main(["segment", str(RAW / "hofu-city.txt"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["source", "title", "clauses", "warnings"]  # the contract's keys, extended
    assert out["warnings"] == []
    assert out["source"] == str(RAW / "hofu-city.txt")
    assert out["title"] == "重要情報資産・個人情報取扱特記事項"
    assert all(list(c) == ["id", "kind", "label", "heading", "text", "page"] for c in out["clauses"])
    article4 = next(c for c in out["clauses"] if c["id"] == "4")
    assert article4 == {
        "id": "4", "kind": "article", "label": "第４", "heading": "安全管理義務",
        "text": article4["text"], "page": 1,
    }
    assert article4["text"].split("\n")[1:5] == [
        "一 管理責任者の選定", "二 取扱場所の特定", "三 無断持ち出し禁止についての周知徹底",
        "四 不正アクセスの防止及び記録媒体等接続時における不正プログラムの感染防止",
    ]
    assert [c["id"] for c in out["clauses"] if c["kind"] == "article"] == [str(n) for n in range(1, 13)]


def test_segment_text_outline(capsys):
    assert main(["segment", str(RAW / "fukuoka-pref.txt")]) == 0
    out = capsys.readouterr().out
    assert "19 articles" in out
    assert "[14] 第１４（事故報告）  p.1" in out
    assert "        [10.1.1] 一 アクセス制御のための認証機能設定" in out
    assert "委託者である福岡県" not in out


def test_error_names_the_file(tmp_path, capsys):
    bad = tmp_path / "空の ファイル.txt"
    bad.write_bytes(b"")
    assert main(["segment", str(bad)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "empty" in err


def test_not_a_template_is_said_so(tmp_path, capsys):
    letter = tmp_path / "letter.txt"
    letter.write_text("拝啓 時下ますますご清祥のこととお喜び申し上げます。\n敬具\n", encoding="utf-8")
    assert main(["segment", str(letter)]) == 1
    assert "no numbered clauses" in capsys.readouterr().err


def test_usage_error_exit_code(capsys):
    assert main(["segment"]) == 2
    assert main(["segment", "x.txt", "--format", "yaml"]) == 2


def test_batch_goes_on_after_a_failure(tmp_path, capsys):
    raw = tmp_path / "raw"
    (raw / "市町村").mkdir(parents=True)
    shutil.copy(RAW / "hofu-city.txt", raw / "市町村" / "防府市 特記事項.txt")
    shutil.copy(RAW / "fukuoka-pref.txt", raw / "fukuoka-pref.txt")
    (raw / "broken.docx").write_bytes(b"not a zip at all")
    out = tmp_path / "processed"
    before = {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()}

    assert main(["batch", str(raw), "--out", str(out)]) == 1
    assert "broken.docx" in capsys.readouterr().err

    documents = pd.read_parquet(out / "documents.parquet")
    assert list(documents["source"]) == ["broken.docx", "fukuoka-pref.txt", "市町村/防府市 特記事項.txt"]
    assert list(documents["status"]) == ["error", "ok", "ok"]
    assert documents.loc[0, "error"]
    assert list(documents["articles"].iloc[1:]) == [19, 12]
    clauses = pd.read_parquet(out / "clauses.parquet")
    assert set(clauses["source"]) == {"fukuoka-pref.txt", "市町村/防府市 特記事項.txt"}
    assert (clauses[clauses.kind == "article"].groupby("source").size() == pd.Series({"fukuoka-pref.txt": 19, "市町村/防府市 特記事項.txt": 12})).all()
    # inputs untouched; outputs byte-identical on a rerun
    assert before == {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()}
    first = (out / "clauses.parquet").read_bytes(), (out / "documents.parquet").read_bytes()
    main(["batch", str(raw), "--out", str(out)])
    assert first == ((out / "clauses.parquet").read_bytes(), (out / "documents.parquet").read_bytes())
    assert not list(out.glob(".*.tmp"))


def test_python_dash_m_pipeline():
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "segment", str(RAW / "hofu-city.txt"), "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "重要情報資産・個人情報取扱特記事項"


@pytest.mark.parametrize("argv", [["--help"], ["segment", "--help"], ["--version"]])
def test_help_and_version(argv, capsys):
    assert main(argv) == 0
    assert capsys.readouterr().out


def test_an_output_that_cannot_be_written_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    target = blocker / "report.txt"  # a folder that cannot exist: its parent is a file
    assert main(["compare", str(RAW / "hofu-city.txt"), str(RAW / "fukuoka-pref.txt"), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"tokki: error: {blocker}") and "Traceback" not in err
