# Regenerates python-csv-golden.jsonl: random texts read by Python's csv module exactly as the original lambda
# does (csv.reader over text.splitlines(keepends=True), default dialect, one delimiter). Needs Python >= 3.11.
import csv, json, random, sys

random.seed(7)
alphabet = 'ab,,\t""\r\n\n \u00e9\u2028\u0085\u000b\u000c\u001c\u0000x'
with open(sys.argv[1] if len(sys.argv) > 1 else 'python-csv-golden.jsonl', 'w', encoding='utf-8') as out:
    for i in range(3000):
        text = ''.join(random.choice(alphabet) for _ in range(random.randint(0, 50)))
        delimiter = random.choice([',', '\t'])
        reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, quotechar='"')
        header, counts, error = None, [], None
        try:
            for n, row in enumerate(reader):
                if n == 0:
                    header = row
                else:
                    counts.append(len(row))
        except csv.Error as e:
            error = str(e)
        out.write(json.dumps({'text': text, 'delimiter': delimiter, 'header': header, 'counts': counts,
                              'error': error, 'lines': reader.line_num}) + '\n')
