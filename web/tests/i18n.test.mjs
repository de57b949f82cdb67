// English is complete (docs/RULES.md: Vietnamese first, English second): every Vietnamese word the page shows goes
// through t() (web/src/i18n.ts) and has an English entry, or is chosen beside its English by the language. Read from
// the sources with the TypeScript compiler, no browser: a screen nobody opened in English still fails here.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
// A letter only Vietnamese writes (the tone marks, ă, â, ê, ô, ơ, ư, đ).
const VI = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

// Words that are the same in both languages, so they need no English entry.
const SAME_IN_BOTH = new Set([
  'Tiến Độ', // the product's name
  '27/QĐ-BCĐ', // the demo plan's number (a placeholder, the plan chosen first): a number is written as issued
]);

const parse = (file, text = fs.readFileSync(file, 'utf8')) =>
  ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

// The Vietnamese that has English: the keys of `en` in i18n.ts and the vocabulary's `vi` words.
function englishEntries() {
  const known = new Set();
  const i18n = parse(path.join(src, 'i18n.ts'));
  i18n.forEachChild(function visit(n) {
    if (ts.isVariableDeclaration(n) && n.name.getText() === 'en' && n.initializer && ts.isObjectLiteralExpression(n.initializer))
      for (const p of n.initializer.properties) if (ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name)) known.add(p.name.text);
    n.forEachChild(visit);
  });
  const vocabulary = parse(path.join(src, 'generated/vocabulary.ts'));
  vocabulary.forEachChild(function visit(n) {
    if (ts.isPropertyAssignment(n) && n.name.getText() === 'vi' && ts.isStringLiteral(n.initializer)) known.add(n.initializer.text);
    n.forEachChild(visit);
  });
  return known;
}

// The nouns i18n.ts's COUNTED gives an English singular and plural.
function countedNouns() {
  const nouns = new Set();
  parse(path.join(src, 'i18n.ts')).forEachChild(function visit(n) {
    if (ts.isVariableDeclaration(n) && n.name.getText() === 'COUNTED' && n.initializer && ts.isObjectLiteralExpression(n.initializer))
      for (const p of n.initializer.properties) if (ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name)) nouns.add(p.name.text);
    n.forEachChild(visit);
  });
  return nouns;
}

// `t('đơn vị')` right after a count (`${n} ${t('đơn vị')}`, `{n} {t('đơn vị')}`) reads "1 units" in English: a
// count goes through useCount(). A noun given to `counted` (useCount()'s function) must have its two English forms.
const tOf = (e) => e && ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 't'
  && e.arguments.length === 1 && ts.isStringLiteral(e.arguments[0]) ? e.arguments[0].text : undefined;
function countFindings(sf, nouns, report) {
  const countedT = (prev, gap, next) => prev && !tOf(prev) && /^ $/.test(gap) && nouns.has(tOf(next));
  sf.forEachChild(function visit(n) {
    if (ts.isTemplateExpression(n)) {
      n.templateSpans.forEach((span, i) => {
        const next = n.templateSpans[i + 1];
        if (next && countedT(span.expression, span.literal.text, next.expression)) report(next.expression, 'a count through t(), not useCount()', tOf(next.expression));
      });
    } else if (ts.isJsxElement(n) || ts.isJsxFragment(n)) {
      const kids = n.children;
      for (let i = 0; i + 2 < kids.length; i++) {
        const [a, gap, b] = [kids[i], kids[i + 1], kids[i + 2]];
        if (ts.isJsxExpression(a) && ts.isJsxText(gap) && ts.isJsxExpression(b) && countedT(a.expression, gap.text, b.expression))
          report(b, 'a count through t(), not useCount()', tOf(b.expression));
      }
    } else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'counted' && n.arguments.length === 2) {
      const noun = n.arguments[1];
      if (ts.isStringLiteral(noun) && !nouns.has(noun.text)) report(noun, 'a counted noun without its English forms in COUNTED', noun.text);
    }
    n.forEachChild(visit);
  });
}

const mentionsLang = (n, langNames) => {
  let found = false;
  n.forEachChild(function visit(c) {
    if (ts.isIdentifier(c) && langNames.has(c.text)) found = true;
    else c.forEachChild(visit);
  });
  return found || (ts.isIdentifier(n) && langNames.has(n.text));
};

// Does `block` leave when `lang` says so before reaching `stmt`? (`if (lang === 'en') { …; return …; }` then Vietnamese)
const leftEarlyByLang = (block, stmt, langNames) => block.statements.slice(0, block.statements.indexOf(stmt)).some((s) => {
  if (!ts.isIfStatement(s) || !mentionsLang(s.expression, langNames)) return false;
  const last = ts.isBlock(s.thenStatement) ? s.thenStatement.statements.at(-1) : s.thenStatement;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
});

// A Vietnamese text chosen by the language, its English beside it: a branch of `lang === … ? … : …` or of
// `if (lang …)`, the `vi` of a `{ vi, en }` pair, an argument of a call that also receives the language.
function paired(n, langNames) {
  for (let c = n, p = n.parent; p; c = p, p = p.parent) {
    if (ts.isConditionalExpression(p) && c !== p.condition && mentionsLang(p.condition, langNames)) return true;
    if (ts.isIfStatement(p) && c !== p.expression && mentionsLang(p.expression, langNames)) return true;
    if (ts.isBlock(p) && leftEarlyByLang(p, c, langNames)) return true;
    if (ts.isPropertyAssignment(p) && p.name.getText() === 'vi' && ts.isObjectLiteralExpression(p.parent)
      && p.parent.properties.some((q) => q.name?.getText() === 'en')) return true;
    if (ts.isCallExpression(p) && c !== p.expression && p.arguments.some((a) => a !== c && mentionsLang(a, langNames))) return true;
    if (ts.isFunctionLike(p)) break;
  }
  return false;
}

// The tables of Vietnamese labels by code (`vocabularyVi('role')`, `{ sent: 'Đã gửi', … }`, `{ met: ['Đạt', 'green'] }`),
// by name, over all files: their words are fine in t(), Vietnamese when shown straight.
function labelTables(parsed) {
  const names = new Set();
  const vietnamese = (e) => e && ((ts.isStringLiteral(e) && VI.test(e.text))
    || (ts.isArrayLiteralExpression(e) && e.elements.length > 0 && ts.isStringLiteral(e.elements[0]) && VI.test(e.elements[0].text)));
  for (const sf of parsed) {
    sf.forEachChild(function visit(n) {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer
        && (/\bvocabularyVi\(/.test(n.initializer.getText(sf)) || (ts.isObjectLiteralExpression(n.initializer)
          && n.initializer.properties.some((p) => ts.isPropertyAssignment(p) && vietnamese(p.initializer))))) names.add(n.name.text);
      n.forEachChild(visit);
    });
  }
  return names;
}

// Where a value ends up once `??`, `||`, `( )`, the branches of `? :` and a tuple's first element (`X[k][0]`) are
// passed: a JSX child or attribute, a piece of a template text, a shown property of an object (`{ label: … }`),
// antd's message, notification or Modal, a form rule's Error.
const SHOWN_PROPERTIES = new Set(['label', 'title', 'message', 'description', 'placeholder', 'children', 'okText', 'cancelText']);
function landing(n) {
  let c = n;
  let p = n.parent;
  while (p && (ts.isParenthesizedExpression(p) || (ts.isConditionalExpression(p) && c !== p.condition)
    || (ts.isBinaryExpression(p) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(p.operatorToken.kind))
    || (ts.isElementAccessExpression(p) && p.expression === c && ts.isNumericLiteral(p.argumentExpression) && p.argumentExpression.text === '0'))) {
    c = p;
    p = p.parent;
  }
  return p;
}
// (A table's own entries are not shown where they stand: FIELD_VI's `title: 'Tiêu đề'` names the field `title`.)
const shownStraight = (p, tables) => !!p && (ts.isJsxAttribute(p) || ts.isJsxExpression(p) || ts.isTemplateSpan(p)
  || (ts.isCallExpression(p) && /^(message|notification|Modal)\.\w+$/.test(p.expression.getText()))
  || (ts.isNewExpression(p) && p.expression.getText() === 'Error')
  || (ts.isPropertyAssignment(p) && SHOWN_PROPERTIES.has(p.name.getText())
    && !(ts.isVariableDeclaration(p.parent.parent) && tables.has(p.parent.parent.name.getText()))));

export function findings(files = sourceFiles(), known = englishEntries(), nouns = countedNouns()) {
  const out = [];
  const parsed = files.map(([file, text]) => parse(file, text));
  const tables = labelTables(parsed);
  for (const sf of parsed) {
    const file = sf.fileName;
    const at = (n) => `${path.relative(src, file)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    // `lang` and what is computed from it (`const vi = lang === 'vi'`).
    const langNames = new Set(['lang']);
    sf.forEachChild(function visit(n) {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && /\blang\b/.test(n.initializer.getText(sf))
        && !ts.isFunctionLike(n.initializer)) langNames.add(n.name.text);
      n.forEachChild(visit);
    });
    const report = (n, why, s) => out.push(`${at(n)}: ${why}: ${JSON.stringify(s.trim())}`);
    sf.forEachChild(function visit(n) {
      // The English table itself (i18n.ts): Vietnamese keys, English values that may name Vietnamese places.
      if (ts.isVariableDeclaration(n) && n.name.getText(sf) === 'en') return;
      if (ts.isJsxText(n)) {
        if (VI.test(n.text) && !SAME_IN_BOTH.has(n.text.trim())) report(n, 'Vietnamese JSX text not through t()', n.text);
      } else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 't' && n.arguments.length === 1) {
        const a = n.arguments[0];
        if ((ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) && !known.has(a.text) && !SAME_IN_BOTH.has(a.text))
          report(a, 't() without an English entry in i18n.ts', a.text);
        else if (!ts.isStringLiteral(a) && !ts.isNoSubstitutionTemplateLiteral(a)) n.arguments.forEach(visit);
        return;
      } else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
        const s = n.text;
        // Property names (`{ 'Tên': … }`) and imports are not shown.
        if (VI.test(s) && !SAME_IN_BOTH.has(s) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n)
          && !ts.isImportDeclaration(n.parent) && !paired(n, langNames)) {
          if (shownStraight(landing(n), tables)) report(n, 'Vietnamese shown without t()', s);
          else if (!known.has(s)) report(n, 'Vietnamese string with no English entry', s);
        }
      } else if (ts.isElementAccessExpression(n) && ts.isIdentifier(n.expression) && tables.has(n.expression.text)) {
        if (shownStraight(landing(n), tables) && !paired(n, langNames)) report(n, 'Vietnamese label shown without t()', n.getText(sf));
      } else if (ts.isShorthandPropertyAssignment(n) && SHOWN_PROPERTIES.has(n.name.text)) {
        // Object.entries(UNIT_KIND).map(([value, label]) => ({ value, label })): the table's words, not through t().
        const f = ts.findAncestor(n, ts.isArrowFunction);
        const entries = f && ts.isCallExpression(f.parent) && ts.isPropertyAccessExpression(f.parent.expression) ? f.parent.expression.expression : undefined;
        if (entries && ts.isCallExpression(entries) && entries.expression.getText(sf) === 'Object.entries' && ts.isIdentifier(entries.arguments[0])
          && tables.has(entries.arguments[0].text)) report(n, 'Vietnamese label shown without t()', entries.getText(sf));
      } else if (ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
        // A piece of a `…${x}…` text cannot be looked up in `en`: its words belong in t() calls between the pieces.
        if (VI.test(n.text) && !paired(n, langNames)) report(n, 'Vietnamese in a template text, not through t()', n.text);
      }
      n.forEachChild(visit);
    });
    countFindings(sf, nouns, report);
  }
  return out;
}

function sourceFiles() {
  const files = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (p !== path.join(src, 'generated')) walk(p); }
      else if (/\.tsx?$/.test(e.name)) files.push([p, fs.readFileSync(p, 'utf8')]);
    }
  })(src);
  return files;
}

test('every Vietnamese word on the page has its English', () => {
  const found = findings();
  assert.equal(found.length, 0, `${found.length} Vietnamese texts without English:\n${found.join('\n')}`);
});

test('the check finds what it is meant to find', () => {
  const planted = [[path.join(src, 'pages/Planted.tsx'), [
    "export const A = () => <Card title='Thêm đơn vị'>Tên đơn vị {t('Chưa dịch đâu')}</Card>;",
    "const b = 'Không có bản tiếng Anh';",
    "const c = (n: number) => `${n} ngày`;",
    "const d = (x: boolean) => <span>{x ? 'Lưu' : 'Hủy'}</span>;",
    "const ok = (lang: string) => [lang === 'en' ? 'Saved' : 'Đã lưu riêng', { vi: 'Một', en: 'One' }, t('Lưu')];",
    "const KIND = { city: 'Thành phố', title: 'Tiêu đề' };",
    "const e = (k: string) => [<Tag>{KIND[k] ?? k}</Tag>, { value: k, label: KIND[k] }, Object.entries(KIND).map(([value, label]) => ({ value, label }))];",
    "const f = () => { message.success('Lưu'); throw new Error('Hủy'); };",
    "const fine = (k: string) => [<Tag>{t(KIND[k] ?? k)}</Tag>, Object.entries(KIND).map(([value, label]) => ({ value, label: t(label) }))];",
    "const g = (n: number) => [`${n} ${t('đơn vị')}`, <span>{n} {t('ngày')}</span>, counted(n, 'giờ'), counted(n, 'ngày'), `${t('Lưu')} ${t('ngày')}`];",
  ].join('\n')]];
  const found = findings(planted, new Set(['Lưu', 'Hủy', 'Thành phố', 'Tiêu đề', 'đơn vị', 'ngày', 'giờ']), new Set(['đơn vị', 'ngày']));
  const lines = found.map((f) => f.replace(/^pages\/Planted\.tsx:/, ''));
  assert.deepEqual(lines, [
    '1: Vietnamese shown without t(): "Thêm đơn vị"',
    '1: Vietnamese JSX text not through t(): "Tên đơn vị"',
    '1: t() without an English entry in i18n.ts: "Chưa dịch đâu"',
    '2: Vietnamese string with no English entry: "Không có bản tiếng Anh"',
    '3: Vietnamese in a template text, not through t(): "ngày"',
    '4: Vietnamese shown without t(): "Lưu"',
    '4: Vietnamese shown without t(): "Hủy"',
    '7: Vietnamese label shown without t(): "KIND[k]"',
    '7: Vietnamese label shown without t(): "KIND[k]"',
    '7: Vietnamese label shown without t(): "Object.entries(KIND)"',
    '8: Vietnamese shown without t(): "Lưu"',
    '8: Vietnamese shown without t(): "Hủy"',
    '10: a count through t(), not useCount(): "đơn vị"',
    '10: a count through t(), not useCount(): "ngày"',
    '10: a counted noun without its English forms in COUNTED: "giờ"',
  ]);
});
