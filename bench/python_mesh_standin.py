#!/usr/bin/env python3
"""A STAND-IN for NHS's official Python MESH client (pip `mesh-client`), NOT that client.

This machine has no internet, so the official client cannot be installed. This script does what
that client does for one send or one receive, with `requests` as it does: the same endpoints,
NHSMESH token, headers and chunk order; chunks of the uncompressed file, each gzipped on its own
at zlib level 9; the first chunk streamed (chunked transfer encoding), later chunks buffered;
receive chunk 1 then 2..N one after another, each gunzipped by requests' own decoding (NHS's client
gunzips the raw body itself, 64 KiB at a time: no faster, bench/README.md, "The 100 MB `get` on 3 December").
`npm run bench` (bench/cli-transfer-bench.ts) times it beside `mesh-console send` and `get`.

  python_mesh_standin.py send <to> <file> [--chunk-size BYTES]   prints the message id
  python_mesh_standin.py get <message id> <out file>             prints the bytes written

Connection settings come from the same environment variables as mesh-console: MESH_BASE_URL,
MESH_MAILBOX, MESH_PASSWORD, MESH_SHARED_KEY, MESH_CERT and MESH_KEY (PEM files), MESH_CA_BUNDLE.
"""
import argparse
import datetime
import hashlib
import hmac
import os
import sys
import uuid
import zlib

import requests

READ_SIZE = 1024 * 1024


def token(mailbox: str, password: str, shared_key: str) -> str:
    nonce = str(uuid.uuid4())
    timestamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H%M")
    signed = f"{mailbox}:{nonce}:1:{password}:{timestamp}"
    digest = hmac.new(shared_key.encode(), signed.encode(), hashlib.sha256).hexdigest()
    return f"NHSMESH {mailbox}:{nonce}:1:{timestamp}:{digest}"


class Mesh:
    def __init__(self) -> None:
        env = os.environ
        self.base = env["MESH_BASE_URL"].rstrip("/")
        self.mailbox = env["MESH_MAILBOX"].upper()
        self.password = env["MESH_PASSWORD"]
        self.shared_key = env["MESH_SHARED_KEY"]
        self.session = requests.Session()
        self.session.cert = (env["MESH_CERT"], env["MESH_KEY"])
        self.session.verify = env["MESH_CA_BUNDLE"]
        self.session.headers.update({"Accept": "application/vnd.mesh.v2+json", "mex-ClientVersion": "mesh-client-standin"})

    def headers(self, extra: dict) -> dict:
        return {"Authorization": token(self.mailbox, self.password, self.shared_key), **extra}

    def url(self, path: str) -> str:
        return f"{self.base}/messageexchange/{self.mailbox}{path}"

    def send(self, to: str, path: str, chunk_size: int) -> str:
        size = os.path.getsize(path)
        count = max(1, -(-size // chunk_size))
        common = {"Content-Type": "application/octet-stream", "Content-Encoding": "gzip"}
        with open(path, "rb") as source:

            def first_chunk():
                gzip = zlib.compressobj(9, zlib.DEFLATED, 31)
                left = min(size, chunk_size)
                while left > 0:
                    data = source.read(min(READ_SIZE, left))
                    left -= len(data)
                    yield gzip.compress(data)
                yield gzip.flush()

            first = {
                **common,
                "mex-To": to,
                "mex-WorkflowID": "TEST_WORKFLOW",
                "mex-FileName": os.path.basename(path),
                "mex-Chunk-Range": f"1:{count}",
            }
            response = self.session.post(self.url("/outbox"), data=first_chunk(), headers=self.headers(first))
            response.raise_for_status()
            message_id = response.json()["message_id"]
            for index in range(2, count + 1):
                gzip = zlib.compressobj(9, zlib.DEFLATED, 31)
                body = gzip.compress(source.read(chunk_size)) + gzip.flush()
                response = self.session.post(
                    self.url(f"/outbox/{message_id}/{index}"),
                    data=body,
                    headers=self.headers({**common, "mex-Chunk-Range": f"{index}:{count}"}),
                )
                response.raise_for_status()
        return message_id

    def get(self, message_id: str, out: str) -> int:
        written = 0
        with open(out, "wb") as sink:
            index, count = 1, 1
            while index <= count:
                path = f"/inbox/{message_id}" if index == 1 else f"/inbox/{message_id}/{index}"
                with self.session.get(self.url(path), headers=self.headers({}), stream=True) as response:
                    response.raise_for_status()
                    if index == 1:
                        count = int(response.headers.get("mex-chunk-range", "1:1").split(":")[1])
                    for part in response.iter_content(chunk_size=READ_SIZE):
                        sink.write(part)
                        written += len(part)
                index += 1
        return written


def main() -> int:
    parser = argparse.ArgumentParser(description="Stand-in for the official Python MESH client (not that client).")
    commands = parser.add_subparsers(dest="command", required=True)
    send = commands.add_parser("send")
    send.add_argument("to")
    send.add_argument("file")
    send.add_argument("--chunk-size", type=int, default=20 * 1024 * 1024)
    get = commands.add_parser("get")
    get.add_argument("message_id")
    get.add_argument("out")
    args = parser.parse_args()
    mesh = Mesh()
    if args.command == "send":
        print(mesh.send(args.to.upper(), args.file, args.chunk_size))
    else:
        print(mesh.get(args.message_id, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
