# Regenerates python-json-golden.jsonl: JSON snapshot bodies checked exactly as the evolved lambda does
# (json.loads(body) on the S3 bytes; str(JSONDecodeError) is the report's error; detect_ems/count_addresses on
# success). Hand-written probes plus seeded random mutations of valid documents. Needs Python >= 3.11 (3.12, the
# lambda's runtime, gives the same messages; 3.13 words trailing commas differently).
import base64, json, random, sys

FCS = ["id", "stationId", "name", "addressLine1", "addressLine2", "addressLine3", "addressLine4", "addressLine5",
       "addressPostCode", "addressUprn", "latitude", "longitude", "defaultStationId", "properties", "pollingDistricts"]


def station(i, props):
    s = {k: None for k in FCS}
    s.update(id=i, stationId=str(i), name="Station %d \u00e9 \U0001F5F3" % i, latitude=51.5 + i / 100, longitude=-0.1,
             properties=[{"addressLine1": "%d High St" % n, "addressUprn": str(n)} for n in range(props)],
             pollingDistricts=[{"id": "AA", "name": "A \"quoted\" \\ name"}])
    return s


VALID = [
    json.dumps([station(1, 3), station(2, 2)]),
    json.dumps([station(1, 1)], indent=2),
    json.dumps([station(7, 0)], ensure_ascii=False),
    json.dumps({"does not quack": "like fcs", "n": [1, -2.5e3, 0, True, False, None], "s": "caf\u00e9 \U0001F600"}),
    '[1, 2.0, -0.5, 1e10, 1E-2, "x\\n\\t\\u00e9\\ud83d\\ude00", {"a": {"b": []}}, [[]], {}]',
    '{"a" : 1 ,\r\n "b":\t[ "\u2028" , null ] }',
    '[NaN, Infinity, -Infinity, "\U0001F600\U0001F600"]',
    '"just a string \U0001F5F3"', '0', '-0', 'true', ' null ',
]

PROBES = [
    '', ' ' * 1200, '\n' * 3, '  \n  x', '{"a" 1}', '{"a": tru}', '{"a": nul}', '[fals]', '[1 2]', '[1, ]', '[1,]',
    '{"a": 1, }', '{"a":1,}', '{,}', '{"a"}', '{"a":}', '{"a":1 "b":2}', '{1: 2}', "{'a': 1}", '["abc', '"abc',
    '"\\', '"abc\\', '"\\x"', '"\\u12"', '"\\u12', '"\\u1234', '"\\uzzzz"', '"\\ud800\\u12"', '"\\ud800\\uzzzz"',
    '"\\ud800"', '"a\x01b"', '"a\nb"', '"a\tb"', '["\U0001F600", x]', '["\U0001F600\U0001F600" 1]',
    '{"\U0001F600": 1 2}', '\U0001F600', '[1, 2] [3]', '[] x', '{} {}', '1 2', '01', '-', '-x', '- 1', '1.', '1.e5',
    '.5', '1e', '1e+', '1e5x', '[1e]', '[-]', '[--1]', '+1', '0x10', 'nan', 'NaN', '-NaN', 'Infinity', '-Infinity',
    '-Inf', 'inf', '[', '{', '[[[', '{"a": [1, {"b": ', '{"a": "b"', '[1, 2', '{"a"', '{"a":', '[true false]',
    '{"name": "Station 29", ', '[{"name": "Station 29", ', '\ufeff[]', '\ufeff', '[]\ufeff', '\u00a0[]',
    '[1]\n\n x', '{"a":1}\r\n', '\t\r\n []', '[1,\n2,\n3\n4]', '{"a":\n"b\\q"}', '"\\/\\b\\f\\n\\r\\t\\"\\\\"',
    '[" \\u00e9 ", "\\uD83D\\uDE00", "\\ud83d\\ude0"]', '[true, True]', '[null, None]', '{"a": 1}}', '[1]]',
    '[1}', '{"a": 1]', '["a" : 1]', '{"a"::1}', '{"a":1,,"b":2}', '[1,,2]', '[,1]', '"\x7f"', '"\x1f"', '"\x00"',
]


def mutate(rng, text):
    chars = list(text)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        op = rng.random()
        at = rng.randrange(len(chars) + 1) if chars else 0
        if op < 0.3 and chars:
            del chars[min(at, len(chars) - 1)]
        elif op < 0.55:
            chars.insert(at, rng.choice('{}[],:"\\ \n\t\r0-.eE+tfnNI\x01\x1f\u00e9\U0001F600u/x'))
        elif op < 0.75 and chars:
            chars[min(at, len(chars) - 1)] = rng.choice('{}[],:"\\ 0a\x02\U0001F5F3')
        else:
            chars = chars[:at]
    return ''.join(chars)


def encodings(rng, text):
    """The text as a council's system might send it: UTF-8 mostly, sometimes with a BOM or as UTF-16/32."""
    r = rng.random()
    if r < 0.8:
        return text.encode('utf-8')
    if r < 0.86:
        return b'\xef\xbb\xbf' + text.encode('utf-8')
    return text.encode(rng.choice(['utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-32-be']),
                       'surrogatepass')


def case(name, body):
    row = {'name': name, 'body': base64.b64encode(body).decode('ascii')}
    if len(body) == 0:  # the lambda's own check, before json.loads
        row.update(valid=False, error='File is empty')
        return row
    try:
        data = json.loads(body)
        row['valid'] = True
        ems = "FCS" if isinstance(data, list) and len(data) > 0 and all(k in data[0] for k in FCS) else "unknown"
        row['ems'] = ems
        row['rows'] = sum(len(s["properties"]) for s in data) if ems == "FCS" else 0
    except json.JSONDecodeError as e:
        row['valid'] = False
        row['error'] = str(e)
    except (ValueError, TypeError, KeyError, RecursionError) as e:
        # The lambda crashes on these (an uncaught exception, retried by Lambda): no verdict to copy.
        row['crash'] = type(e).__name__
    return row


def main(path):
    rng = random.Random(11)
    rows = [case('probe %d' % i, p.encode('utf-8', 'surrogatepass')) for i, p in enumerate(PROBES)]
    rows += [case('valid %d' % i, v.encode('utf-8')) for i, v in enumerate(VALID)]
    rows += [case('valid %d utf-8 bom' % i, b'\xef\xbb\xbf' + v.encode('utf-8')) for i, v in enumerate(VALID)]
    rows += [case('valid %d utf-16' % i, v.encode('utf-16')) for i, v in enumerate(VALID)]
    rows += [case('truncated %d at %d' % (i, n), VALID[i][:n].encode('utf-8'))
             for i in range(4) for n in sorted(rng.sample(range(len(VALID[i])), 12))]
    seen = set()
    while len(rows) < 900:
        i = rng.randrange(len(VALID))
        text = mutate(rng, VALID[i])
        body = encodings(rng, text)
        if body not in seen:
            seen.add(body)
            rows.append(case('mutation %d of valid %d' % (len(rows), i), body))
    with open(path, 'w', encoding='utf-8') as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + '\n')


main(sys.argv[1] if len(sys.argv) > 1 else 'python-json-golden.jsonl')
