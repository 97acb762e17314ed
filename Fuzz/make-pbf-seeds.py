#!/usr/bin/env python3
"""Writes the small hand-made OSM PBF seeds of Corpus/FuzzOSMPBF (the Monaco extract is far too big to fuzz from).

The files follow the OSM PBF format (https://wiki.openstreetmap.org/wiki/PBF_Format): a 3x3 grid of
nodes as DenseNodes, three ways, a turn restriction and a plain node, in a raw and a zlib variant.
Run from Fuzz/: python3 make-pbf-seeds.py
"""
import struct
import zlib


def varint(n):
    out = bytearray()
    n &= (1 << 64) - 1
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag(n):
    return (n << 1) ^ (n >> 63)


def key(number, wire):
    return varint(number << 3 | wire)


def field_varint(number, value):
    return key(number, 0) + varint(value)


def field_bytes(number, payload):
    return key(number, 2) + varint(len(payload)) + payload


def packed(values):
    return b"".join(varint(v) for v in values)


def delta(values):
    previous = 0
    out = []
    for v in values:
        out.append(v - previous)
        previous = v
    return out


def header_block():
    bbox = field_varint(1, zigzag(7420000000)) + field_varint(2, zigzag(7422000000)) \
        + field_varint(3, zigzag(43732000000)) + field_varint(4, zigzag(43730000000))
    return field_bytes(1, bbox) + field_bytes(4, b"OsmSchema-V0.6") + field_bytes(4, b"DenseNodes") \
        + field_bytes(16, b"safecity-fuzz-seed")


def primitive_block():
    strings = [b"", b"highway", b"residential", b"primary", b"barrier", b"bollard", b"type", b"restriction",
               b"no_left_turn", b"from", b"via", b"to", b"oneway", b"yes", b"traffic_signals"]
    table = b"".join(field_bytes(1, s) for s in strings)
    ids = list(range(1, 10))
    lats = [43730000 + 1000 * ((i - 1) // 3) for i in ids]   # granularity 100 nanodegrees: 1e-7 degrees
    lons = [7420000 + 1000 * ((i - 1) % 3) for i in ids]
    keys_vals = []
    for i in ids:
        if i == 5:
            keys_vals += [1, 14]
        if i == 9:
            keys_vals += [4, 5]
        keys_vals.append(0)
    dense = field_bytes(1, packed(zigzag(d) for d in delta(ids))) \
        + field_bytes(8, packed(zigzag(d) for d in delta(lats))) \
        + field_bytes(9, packed(zigzag(d) for d in delta(lons))) \
        + field_bytes(10, packed(keys_vals))
    ways = b""
    for way_id, refs, tags in [(100, [1, 2, 3], [(1, 2)]), (101, [4, 5, 6], [(1, 3), (12, 13)]), (102, [2, 5, 8], [(1, 2)])]:
        way = field_varint(1, way_id) + field_bytes(2, packed(k for k, _ in tags)) + field_bytes(3, packed(v for _, v in tags)) \
            + field_bytes(8, packed(zigzag(d) for d in delta(refs)))
        ways += field_bytes(3, way)
    relation = field_varint(1, 500) + field_bytes(2, packed([6, 7])) + field_bytes(3, packed([7, 8])) \
        + field_bytes(8, packed([9, 10, 11])) + field_bytes(9, packed(zigzag(d) for d in delta([100, 5, 101]))) \
        + field_bytes(10, packed([1, 0, 1]))
    node = field_bytes(1, field_varint(1, zigzag(20)) + field_bytes(2, packed([4])) + field_bytes(3, packed([5]))
                       + field_varint(8, zigzag(43731500)) + field_varint(9, zigzag(7421500)))
    groups = field_bytes(2, field_bytes(2, dense)) + field_bytes(2, ways) + field_bytes(2, field_bytes(4, relation)) \
        + field_bytes(2, node)
    return field_bytes(1, table) + groups + field_varint(17, 100)


def blob(payload, compress):
    if compress:
        return field_varint(2, len(payload)) + field_bytes(3, zlib.compress(payload, 9))
    return field_bytes(1, payload)


def file_block(kind, payload, compress):
    data = blob(payload, compress)
    header = field_bytes(1, kind) + field_varint(3, len(data))
    return struct.pack(">I", len(header)) + header + data


for name, compress in [("grid-raw.osm.pbf", False), ("grid-zlib.osm.pbf", True)]:
    with open("Corpus/FuzzOSMPBF/" + name, "wb") as f:
        f.write(file_block(b"OSMHeader", header_block(), compress) + file_block(b"OSMData", primitive_block(), compress))
