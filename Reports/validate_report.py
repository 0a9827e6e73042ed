#!/usr/bin/env python3
"""Validate ecobench report JSON files against Reports/schema/report.schema.json
(or another schema in Reports/schema, e.g. blue-angel.schema.json, with --schema NAME).

Usage: validate_report.py [--schema NAME] REPORT.json [REPORT.json ...]
Exit status 0 when every file validates; 1 with one line per error (file, JSON path, message).
"""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_DIR = pathlib.Path(__file__).resolve().parent / "schema"
SCHEMA = SCHEMA_DIR / "report.schema.json"


def main(paths, schema_path=SCHEMA):
    schema = json.loads(schema_path.read_text())
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    failed = False
    for path in paths:
        try:
            document = json.loads(pathlib.Path(path).read_text())
        except (OSError, json.JSONDecodeError) as error:
            print(f"{path}: cannot read JSON: {error}")
            failed = True
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            location = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print(f"{path}: {location}: {error.message}")
        if errors:
            failed = True
        else:
            print(f"{path}: valid against {schema_path.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    schema_path = SCHEMA
    if len(args) >= 2 and args[0] == "--schema":
        schema_path = SCHEMA_DIR / pathlib.Path(args[1]).name
        args = args[2:]
    if not args:
        print(__doc__.strip())
        sys.exit(2)
    sys.exit(main(args, schema_path))
