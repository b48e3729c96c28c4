"""`--out s3://…` against a real S3-compatible server (moto's, on 127.0.0.1): write,
re-write, read back with pandas, pyarrow and duckdb; never a local ./s3:/ folder."""

from __future__ import annotations

import shutil
import socket

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pytest
from moto.server import ThreadedMotoServer

from pipeline.cli import main
from pipeline.errors import CouncilPapersError
from pipeline.scrape.handoff import extract_new
from pipeline.writer import DatasetWriter, write_document
from schemas.tables import TABLES
from tests.conftest import SEEDS
from tests.dataset_rows import document_rows


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch, tmp_path):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": s3_endpoint,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)  # a local ./s3:/ folder would appear here
    name = f"cp-{tmp_path.name.lower().replace('_', '-')[-40:]}"
    pafs.S3FileSystem(endpoint_override=s3_endpoint, allow_bucket_creation=True).create_dir(name)
    return name


def _read_three_ways(url):
    a = pd.read_parquet(url)
    dataset = ds.dataset(url, format="parquet", partitioning="hive")
    b = dataset.to_table()
    c = duckdb.sql("select * from dataset").df()  # duckdb reads S3 through the Arrow dataset
    assert len(a) == b.num_rows == len(c)
    return a


def _s3_files(bucket, table):
    fs = pafs.FileSystem.from_uri(f"s3://{bucket}")[0]
    infos = fs.get_file_info(pafs.FileSelector(f"{bucket}/data/{table}", allow_not_found=True))
    return [i.base_name for i in infos if i.base_name.endswith(".parquet")]


def test_extract_to_s3_writes_rewrites_and_reads_back(bucket, tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    for seed in SEEDS[:2]:
        shutil.copy(seed, papers / seed.name)
    out = f"s3://{bucket}/data"
    cli = ["extract", str(papers), "--out", out, "--workers", "0", "--quiet"]
    assert main(cli) == 0
    first = _read_three_ways(f"{out}/documents")
    edited = papers / SEEDS[0].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe Localism Act 2011 also applies.\n")
    assert main(cli) == 0  # re-write: the edited paper replaces its old version
    docs = _read_three_ways(f"{out}/documents")
    assert len(first) == len(docs) == 2 and set(docs["status"]) == {"ok"}
    assert set(docs["doc_id"]) != set(first["doc_id"])
    assert "Localism Act 2011" in _read_three_ways(f"{out}/legislation")["title"].tolist()
    assert set(_read_three_ways(f"{out}/texts")["doc_id"]) == set(docs["doc_id"])
    assert all(len(_s3_files(bucket, t)) == 1 for t in TABLES)
    assert not (tmp_path / "s3:").exists()


def test_s3_batches_compaction_and_replacement(bucket):
    out = f"s3://{bucket}/data"
    w = DatasetWriter(out)
    for i in range(40):
        w.add(f"https://example.org/{i}.pdf", document_rows(i))
        if i % 4 == 3:
            w.flush()  # 10 small parts: merged once 8 are alike
    write_document(out, "https://example.org/7.pdf", document_rows(7, version=1))
    docs = _read_three_ways(f"{out}/documents")
    assert len(docs) == 40 and docs["doc_id"].is_unique and "00000007-v1" in set(docs["doc_id"])
    assert len(_read_three_ways(f"{out}/priorities")) == 120
    assert len(_s3_files(bucket, "documents")) < 10


def test_scrape_needs_a_local_output_folder(bucket):
    with pytest.raises(CouncilPapersError, match="local"):
        extract_new(f"s3://{bucket}/data")
