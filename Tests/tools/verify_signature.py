#!/usr/bin/env python3
"""Checks a signed ecobench report without ecobench: an independent implementation of the
recipe in Reports/README.md ("Signed reports"), on the `cryptography` package's Ed25519.

    verify_signature.py REPORT [--sig SIG] [--key KEY.pub]

Checks, from the files alone (the samples hash needs the run's database and is not checked here):
  - the report parses strictly (RFC 8259, duplicate keys and NaN/Infinity rejected);
  - report_sha256 = SHA-256 of the report's canonical JSON;
  - field_sha256 = the map path -> first 16 hex digits of SHA-256(canonical JSON of the value),
    for every path of at most three steps (`totals`, `totals.node_energy_j`, `phases[2]`);
  - key_id = the first 16 hex digits of SHA-256(raw public key), and with --key, that the key
    file holds the same public key and key id;
  - the Ed25519 signature over UTF-8 "ecobench-report-v1\\n" + canonical JSON of the .sig
    document without its `signature` member.
Prints `valid` and exits 0, or one `invalid: ...` line per failure and exits 1; exits 2 when a
file cannot be read or parsed.
"""
import argparse
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MESSAGE_PREFIX = b"ecobench-report-v1\n"
MAX_DEPTH = 3
FIELD_HEX_DIGITS = 16


class Number:
    """A JSON number kept exactly as written (the canonical form never re-formats numbers)."""

    def __init__(self, text):
        self.text = text


def _no_duplicates(pairs):
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise ValueError("duplicate key %r" % key)
        seen.add(key)
    return pairs


def _no_constant(name):
    raise ValueError("%s is not JSON (RFC 8259)" % name)


class Object(list):
    """An object's members as (key, value) pairs in file order; a plain list is an array."""


def parse(data):
    """Strict parse of UTF-8 bytes: invalid UTF-8, duplicate keys and NaN/Infinity raise."""
    text = data.decode("utf-8")
    return json.loads(text, object_pairs_hook=lambda pairs: Object(_no_duplicates(pairs)),
                      parse_float=Number, parse_int=Number, parse_constant=_no_constant)


def _string(text):
    out = bytearray(b'"')
    for byte in text.encode("utf-8"):  # a lone surrogate raises: not a Unicode string
        if byte == 0x22:
            out += b'\\"'
        elif byte == 0x5C:
            out += b"\\\\"
        elif byte < 0x20:
            short = {0x08: b"\\b", 0x09: b"\\t", 0x0A: b"\\n", 0x0C: b"\\f", 0x0D: b"\\r"}
            out += short.get(byte, b"\\u00%02x" % byte)
        else:
            out.append(byte)
    out += b'"'
    return bytes(out)


def canonical(value):
    """No whitespace, members sorted by the UTF-8 bytes of their keys, minimal string escapes,
    numbers as written."""
    if isinstance(value, Object):
        members = sorted(value, key=lambda member: member[0].encode("utf-8"))
        return b"{" + b",".join(_string(k) + b":" + canonical(v) for k, v in members) + b"}"
    if isinstance(value, list):
        return b"[" + b",".join(canonical(v) for v in value) + b"]"
    if isinstance(value, Number):
        return value.text.encode("ascii")
    if isinstance(value, str):
        return _string(value)
    if value is True:
        return b"true"
    if value is False:
        return b"false"
    if value is None:
        return b"null"
    raise TypeError("unexpected value %r" % (value,))


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def field_map(document):
    out = {}

    def collect(value, path, depth):
        out[path] = sha256_hex(canonical(value))[:FIELD_HEX_DIGITS]
        if depth >= MAX_DEPTH:
            return
        if isinstance(value, Object):
            for key, member in value:
                collect(member, path + "." + key, depth + 1)
        elif isinstance(value, list):
            for i, element in enumerate(value):
                collect(element, "%s[%d]" % (path, i), depth + 1)

    if isinstance(document, Object):
        for key, member in document:
            collect(member, key, 1)
    return out


def member(obj, name):
    for key, value in obj:
        if key == name:
            return value
    return None


def text_of(value):
    return value.text if isinstance(value, Number) else value


def verify(report_bytes, sig_bytes, key_bytes=None):
    """The list of failures (empty: valid)."""
    failures = []
    report = parse(report_bytes)
    sig = parse(sig_bytes)
    if not isinstance(report, Object) or not isinstance(sig, Object):
        return ["format: report and signature must be JSON objects"]
    if member(sig, "format") != "ecobench-signature-v1" or member(sig, "algorithm") != "ed25519":
        failures.append("format: not an ecobench-signature-v1 ed25519 signature")

    if sha256_hex(canonical(report)) != member(sig, "report_sha256"):
        failures.append("report: report_sha256 differs from SHA-256 of the canonical report")
    signed_fields = {k: v for k, v in (member(sig, "field_sha256") or [])}
    current = field_map(report)
    for path in sorted(set(signed_fields) | set(current)):
        if signed_fields.get(path) != current.get(path):
            failures.append("report: field %s differs" % path)

    run = member(report, "run")
    run_id = member(run, "id") if isinstance(run, Object) else None
    if text_of(run_id) != text_of(member(sig, "run_id")):
        failures.append("run: report run.id %s, signature run_id %s" % (text_of(run_id), text_of(member(sig, "run_id"))))

    raw_public = base64.b64decode(member(sig, "public_key") or "", validate=True)
    if sha256_hex(raw_public)[:16] != member(sig, "key_id"):
        failures.append("key: key_id is not the first 16 hex digits of SHA-256(public_key)")
    if key_bytes is not None:
        key = parse(key_bytes)
        if member(key, "public_key") != member(sig, "public_key") or member(key, "key_id") != member(sig, "key_id"):
            failures.append("key: signed by key %s, not by the given key %s" % (member(sig, "key_id"), member(key, "key_id")))

    message = MESSAGE_PREFIX + canonical(Object((k, v) for k, v in sig if k != "signature"))
    try:
        signature = base64.b64decode(member(sig, "signature") or "", validate=True)
        Ed25519PublicKey.from_public_bytes(raw_public).verify(signature, message)
    except (InvalidSignature, ValueError) as error:
        failures.append("signature: does not verify (%s)" % (type(error).__name__,))
    return failures


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("--sig")
    parser.add_argument("--key")
    args = parser.parse_args(argv)
    try:
        with open(args.report, "rb") as f:
            report = f.read()
        with open(args.sig or args.report + ".sig", "rb") as f:
            sig = f.read()
        key = None
        if args.key:
            with open(args.key, "rb") as f:
                key = f.read()
        failures = verify(report, sig, key)
    except (OSError, ValueError, UnicodeError) as error:
        print("cannot check: %s" % error, file=sys.stderr)
        return 2
    for failure in failures:
        print("invalid: " + failure)
    if failures:
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
