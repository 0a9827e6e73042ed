#!/usr/bin/env python3
"""Writes the stored signed-report test vector (Tests/EcobenchCoreTests/testdata/signature/)
with the independent implementation in verify_signature.py, never with ecobench:

    make_signature_vector.py DIR

DIR holds report.json (hand-written: escapes, non-ASCII keys, numbers as written) and
canonical.json (its canonical form, written by hand). This checks that the Python canonical form
equals canonical.json, then signs with RFC 8032's first Ed25519 test key (section 7.1, TEST 1:
secret 9d61b1...7f60, public d75a98...511a) and writes report.json.sig and key.pub. The run has
no stored samples: samples_sha256 is the SHA-256 of no lines.
"""
import base64
import hashlib
import json
import os
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verify_signature as v  # noqa: E402

RFC8032_TEST1_SECRET = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
SIGNED_AT = "2026-01-02T03:05:00Z"


def main(directory):
    with open(os.path.join(directory, "report.json"), "rb") as f:
        report = v.parse(f.read())
    with open(os.path.join(directory, "canonical.json"), "rb") as f:
        by_hand = f.read()
    if v.canonical(report) != by_hand:
        sys.exit("canonical form differs from canonical.json:\n%s" % v.canonical(report).decode())
    key = Ed25519PrivateKey.from_private_bytes(RFC8032_TEST1_SECRET)
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert public.hex() == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    key_id = v.sha256_hex(public)[:16]
    public_b64 = base64.b64encode(public).decode()
    unsigned = {
        "algorithm": "ed25519", "field_sha256": v.field_map(report), "format": "ecobench-signature-v1",
        "key_id": key_id, "public_key": public_b64, "report_sha256": v.sha256_hex(by_hand),
        "run_id": int(v.member(v.member(report, "run"), "id").text), "samples_count": 0,
        "samples_sha256": hashlib.sha256(b"").hexdigest(), "signed_at": SIGNED_AT, "source_samples": [],
    }
    # Through the parser so the message is made exactly as verify() makes it.
    document = v.parse(json.dumps(unsigned, sort_keys=True).encode())
    signature = key.sign(v.MESSAGE_PREFIX + v.canonical(document))
    with open(os.path.join(directory, "report.json.sig"), "w", encoding="utf-8") as f:
        json.dump(dict(unsigned, signature=base64.b64encode(signature).decode()), f, indent=2, sort_keys=True,
                  ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(directory, "key.pub"), "w", encoding="utf-8") as f:
        json.dump({"algorithm": "ed25519", "created_at": "2026-01-02T03:04:05Z", "format": "ecobench-public-key-v1",
                   "key_id": key_id, "public_key": public_b64}, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
