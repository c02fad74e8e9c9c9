"""Loads ness4j tables with the tools Python users load them with and compares them with the
values Java wrote into expected.json. Used by PythonInteropTest; exits 1 with a message on the
first difference. Usage: python3 check_tables.py DIR"""
import csv
import io
import json
import math
import struct
import sys
import warnings

import h5py
import numpy as np

directory = sys.argv[1]
with open(directory + "/expected.json", encoding="utf-8") as f:
    expected = json.load(f)
checks = 0


def fail(message):
    print("MISMATCH: " + message)
    sys.exit(1)


def same(kind, a, b):
    if kind == "double":
        if b is None:
            return isinstance(a, float) and math.isnan(a)
        return struct.pack("<d", float(a)) == struct.pack("<d", b)
    return a == b


def compare(where, table, get):
    global checks
    for column in table["columns"]:
        values = get(column)
        if len(values) != len(column["values"]):
            fail("%s %s: %d values, expected %d" % (where, column["name"], len(values),
                                                    len(column["values"])))
        for row, (a, b) in enumerate(zip(values, column["values"])):
            if not same(column["type"], a, b):
                fail("%s %s row %d: %r, expected %r" % (where, column["name"], row, a, b))
            checks += 1


for table in expected["tables"]:
    name = table["name"]
    names = [c["name"] for c in table["columns"]]
    types = {c["name"]: c["type"] for c in table["columns"]}

    # Sidecar: plain json.
    with open("%s/%s.json" % (directory, name), encoding="utf-8") as f:
        sidecar = json.load(f)
    if [c["name"] for c in sidecar["columns"]] != names:
        fail("sidecar %s: columns %r" % (name, sidecar["columns"]))
    if [c["type"] for c in sidecar["columns"]] != [types[n] for n in names]:
        fail("sidecar %s: types %r" % (name, sidecar["columns"]))
    if sidecar["provenance"].get("masterSeed") != table["masterSeed"]:
        fail("sidecar %s: masterSeed %r" % (name, sidecar["provenance"].get("masterSeed")))

    # .npy: numpy.load without pickle; numpy writes the same bytes back.
    npy_path = "%s/%s.npy" % (directory, name)
    if table.get("npyOnly"):
        # Written with a header beyond numpy's default limit (format 2.0): numpy needs it raised.
        a = np.load(npy_path, allow_pickle=False, max_header_size=200000)
    else:
        a = np.load(npy_path, allow_pickle=False)
    if list(a.dtype.names) != names:
        fail("npy %s: names %r" % (name, a.dtype.names))
    for n in names:
        kind = {"double": "f", "long": "i", "string": "U"}[types[n]]
        if a.dtype[n].kind != kind or (kind != "U" and a.dtype[n].itemsize != 8):
            fail("npy %s: field %s has dtype %s" % (name, n, a.dtype[n]))
    compare("npy " + name, table, lambda c: [
        (float(v) if c["type"] == "double" else int(v) if c["type"] == "long" else str(v))
        for v in a[c["name"]]])
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Stored array in format 2.0" for the wide table
        np.save(buffer, a)
    with open(npy_path, "rb") as f:
        if buffer.getvalue() != f.read():
            fail("npy %s: numpy.save writes different bytes for the loaded array" % name)

    if table.get("npyOnly"):
        continue

    # CSV: the csv module; numbers with float() and int().
    with open("%s/%s.csv" % (directory, name), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != names:
        fail("csv %s: header %r" % (name, rows[0]))
    body = rows[1:]

    def csv_column(c):
        i = names.index(c["name"])
        out = []
        for r in body:
            text = r[i]
            if c["type"] == "double":
                out.append(float("nan") if text == "" else float(text))
            elif c["type"] == "long":
                out.append(int(text))
            else:
                out.append(text)
        return out

    compare("csv " + name, table, csv_column)

    # HDF5: h5py, one dataset per column under the table's group, metadata in attributes.
    with h5py.File(directory + "/tables.h5", "r") as f:
        g = f[name]
        columns = [s.decode("utf-8") if isinstance(s, bytes) else s for s in g.attrs["columns"]]
        if columns != names:
            fail("h5 %s: columns attribute %r" % (name, columns))
        if int(g.attrs["master_seed"]) != table["masterSeed"]:
            fail("h5 %s: master_seed %r" % (name, g.attrs["master_seed"]))
        meta = g.attrs["ness4j_metadata"]
        meta = json.loads(meta.decode("utf-8") if isinstance(meta, bytes) else meta)
        if meta["table"] != name or meta["provenance"]["masterSeed"] != table["masterSeed"]:
            fail("h5 %s: ness4j_metadata %r" % (name, meta))

        def h5_column(c):
            d = g[c["name"]]
            if c["type"] == "string":
                return [str(v) for v in d.asstr()[()]]
            want = "f" if c["type"] == "double" else "i"
            if d.dtype.kind != want or d.dtype.itemsize != 8:
                fail("h5 %s: dataset %s has dtype %s" % (name, c["name"], d.dtype))
            return [float(v) if want == "f" else int(v) for v in d[()]]

        compare("h5 " + name, table, h5_column)

print("OK %d values checked" % checks)
