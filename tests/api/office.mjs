// Reading the documents the server writes (.docx, .xlsx) in tests, with Python's zipfile: never with the code
// under test.
import { execFileSync } from 'node:child_process';

// A part of a zip file (an Office document) as text.
export function zipPart(file, part) {
  return execFileSync('python3', ['-c', 'import sys,zipfile;sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', file, part],
    { encoding: 'utf8', maxBuffer: 1 << 26 });
}

// The rows of sheet n (from 1) of an .xlsx file, each an object from column letter to its text: shared and
// inline strings resolved, an empty cell ''.
export function sheetRows(file, n) {
  const py = `
import sys, zipfile, re, json, html
z = zipfile.ZipFile(sys.argv[1])
shared = [html.unescape(''.join(re.findall(r'<t[^>]*>([^<]*)</t>', si))) for si in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)] if 'xl/sharedStrings.xml' in z.namelist() else []
rows = []
for row in re.findall(r'<row[^>]*>(.*?)</row>', z.read('xl/worksheets/sheet%s.xml' % sys.argv[2]).decode(), re.S):
    cells = {}
    # An empty cell closes itself (<c r="K7" s="3"/>): it must not swallow the cells after it.
    for ref, attrs, body in re.findall(r'<c r="([A-Z]+)\\d+"([^>]*?)(?:/>|>(.*?)</c>)', row, re.S):
        v = re.search(r'<v>([^<]*)</v>', body); t = re.search(r'<t[^>]*>([^<]*)</t>', body)
        cells[ref] = shared[int(v.group(1))] if 't="s"' in attrs and v else html.unescape(t.group(1)) if t else v.group(1) if v else ''
    rows.append(cells)
print(json.dumps(rows))`;
  return JSON.parse(execFileSync('python3', ['-c', py, file, String(n)], { encoding: 'utf8', maxBuffer: 1 << 26 }));
}
