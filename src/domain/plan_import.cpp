#include "domain/plan_import.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "domain/ranges.h"
#include "domain/text.h"
#include "domain/vocabulary.h"

namespace tiendo::domain {

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n\xC2\xA0");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

namespace {

// One word of a unit name or of the words naming units, compared folded; `piece` counts the
// separators (, ; : line break) before it, `begin`/`end` locate the word in the original text.
struct Token {
  std::string key;
  int piece = 0;
  size_t begin = 0, end = 0;
};

bool separator(char ch) { return ch == ',' || ch == ';' || ch == ':' || ch == '\n'; }

std::vector<Token> tokenize(std::string_view text) {
  static const std::map<std::string, std::vector<std::string>> abbreviations{{"ubnd", {"uy", "ban", "nhan", "dan"}},
                                                                             {"hdnd", {"hoi", "dong", "nhan", "dan"}},
                                                                             {"tp", {"thanh", "pho"}},
                                                                             {"vp", {"van", "phong"}}};
  std::vector<Token> out;
  int piece = 0;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (separator(text[i])) {
      ++piece;
      ++i;
      continue;
    }
    // A word: letters and digits (any byte of a multi-byte character counts as a letter).
    const bool word_char = c >= 0x80 || std::isalnum(c);
    if (!word_char) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() &&
           (static_cast<unsigned char>(text[j]) >= 0x80 || std::isalnum(static_cast<unsigned char>(text[j]))))
      ++j;
    const std::string key = search_phrase(text.substr(i, j - i));
    if (auto it = abbreviations.find(key); it != abbreviations.end()) {
      for (const auto& k : it->second) out.push_back({k, piece, i, j});
    } else if (!key.empty()) {
      out.push_back({key, piece, i, j});
    }
    i = j;
  }
  return out;
}

// Words that name no unit on their own: what is left between names ("và các đơn vị liên quan").
bool filler(const std::vector<Token>& run) {
  static const std::set<std::string> words{"va",  "cac",   "co",    "quan", "don",  "vi",    "lien", "so",
                                           "ban", "nganh", "thanh", "pho",  "khac", "theo",  "cap",  "chu",
                                           "tri", "phoi",  "hop",   "voi",  "the",  "nhung", "tren", "dia"};
  return std::all_of(run.begin(), run.end(), [](const Token& t) { return words.count(t.key) > 0; });
}

struct Candidate {
  const NamedUnit* unit;
  std::vector<std::string> keys;
};

std::vector<std::string> keys_of(const std::vector<Token>& tokens) {
  std::vector<std::string> k;
  for (const auto& t : tokens) k.push_back(t.key);
  return k;
}

// One piece of a list ("Tư pháp", "Công an"): the name itself, the Sở of that name, the city's unit of
// that name, or the one top-level unit whose name starts with it.
const NamedUnit* match_piece(const std::vector<std::string>& piece, const std::vector<Candidate>& cands) {
  std::vector<std::string> so{"so"}, city = piece;
  so.insert(so.end(), piece.begin(), piece.end());
  city.insert(city.end(), {"thanh", "pho"});
  for (const auto* k :
       {&piece, static_cast<const std::vector<std::string>*>(&so), static_cast<const std::vector<std::string>*>(&city)})
    for (const auto& c : cands)
      if (c.keys == *k) return c.unit;
  const NamedUnit* found = nullptr;
  for (const auto& c : cands) {
    if (c.unit->group || !c.unit->top_level || c.keys.size() < piece.size() ||
        !std::equal(piece.begin(), piece.end(), c.keys.begin()))
      continue;
    if (found && found != c.unit) return nullptr;  // ambiguous: a person chooses
    found = c.unit;
  }
  return found;
}

void add_match(UnitMatch& m, const NamedUnit& u) {
  auto& ids = u.group ? m.group_ids : m.unit_ids;
  if (std::find(ids.begin(), ids.end(), u.id) == ids.end()) ids.push_back(u.id);
}

}  // namespace

std::string unit_key(std::string_view words) {
  std::string k;
  for (const auto& t : tokenize(words)) k += t.key + " ";
  if (!k.empty()) k.pop_back();
  return k;
}

UnitMatch match_units(std::string_view words, const std::vector<NamedUnit>& catalogue) {
  std::vector<Candidate> cands;
  for (const auto& u : catalogue)
    for (const auto& n : u.names)
      if (auto k = keys_of(tokenize(n)); !k.empty()) cands.push_back({&u, std::move(k)});
  // Longest names first, so "Văn phòng Ủy ban nhân dân thành phố" wins over "thành phố".
  std::stable_sort(cands.begin(), cands.end(),
                   [](const auto& a, const auto& b) { return a.keys.size() > b.keys.size(); });

  const auto tokens = tokenize(words);
  std::vector<const NamedUnit*> owner(tokens.size(), nullptr);
  for (const auto& c : cands) {
    const size_t n = c.keys.size();
    for (size_t i = 0; i + n <= tokens.size(); ++i) {
      bool hit = true;
      for (size_t k = 0; k < n && hit; ++k) hit = !owner[i + k] && tokens[i + k].key == c.keys[k];
      if (!hit) continue;
      for (size_t k = 0; k < n; ++k) owner[i + k] = c.unit;
      i += n - 1;
    }
  }
  // What no name covered, in runs within one piece of the list: matched as a piece, or left to a person.
  for (size_t i = 0; i < tokens.size();) {
    if (owner[i]) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < tokens.size() && !owner[j] && tokens[j].piece == tokens[i].piece) ++j;
    const std::vector<Token> run(tokens.begin() + static_cast<long>(i), tokens.begin() + static_cast<long>(j));
    if (const NamedUnit* u = filler(run) ? nullptr : match_piece(keys_of(run), cands)) {
      for (size_t k = i; k < j; ++k) owner[k] = u;
    }
    i = j;
  }
  UnitMatch m;
  for (size_t i = 0; i < tokens.size();) {
    if (owner[i]) {
      add_match(m, *owner[i]);
      ++i;
      continue;
    }
    size_t j = i;
    while (j < tokens.size() && !owner[j] && tokens[j].piece == tokens[i].piece) ++j;
    const std::vector<Token> run(tokens.begin() + static_cast<long>(i), tokens.begin() + static_cast<long>(j));
    if (!filler(run))
      m.unmatched.push_back(std::string(words.substr(run.front().begin, run.back().end - run.front().begin)));
    i = j;
  }
  return m;
}

namespace {

enum class Col {
  code,
  name,
  lead,
  coordinating,
  output,
  deadline,
  notes,
  field,
  leader,
  lead_codes,
  coord_codes,
  target,
  monitoring,
  aggregation,
  baseline,
  monitoring_code,
  group_code
};

struct Layout {
  bool indicators = false;
  std::map<Col, size_t> cols;
  std::vector<std::pair<std::string, size_t>> code_cols;  // "Mã nq57": system, column
  ExternalCodes codes(const std::vector<std::string>& row) const {
    ExternalCodes out;
    for (const auto& [system, i] : code_cols)
      if (i < row.size())
        if (auto v = normal_text(trim(row[i])); !v.empty()) out.emplace_back(system, v);
    return out;
  }
  std::string get(const std::vector<std::string>& row, Col c) const {
    auto it = cols.find(c);
    return it == cols.end() || it->second >= row.size() ? "" : normal_text(trim(row[it->second]));
  }
};

// "Mã nq57", "Mã theodoi.dcs.vn": a column of codes in that system (one word after "Mã", as the exports name
// them). Whether the system exists is for the importer to check.
std::optional<std::string> external_system_of(const std::string& header) {
  const std::string h = normal_text(trim(header));
  const auto space = h.find(' ');
  if (space == std::string::npos || search_phrase(h.substr(0, space)) != "ma") return std::nullopt;
  std::string system = trim(h.substr(space + 1));
  if (system.empty() || system.find(' ') != std::string::npos) return std::nullopt;
  for (char& ch : system) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (search_phrase(system) == "so") return std::nullopt;  // "Mã số": the item's number
  return system;
}

std::optional<Layout> header_layout(const std::vector<std::string>& row) {
  Layout l;
  bool has_task_name = false, has_indicator_name = false;
  for (size_t i = 0; i < row.size(); ++i) {
    const std::string h = search_phrase(row[i]);
    if (h.empty()) continue;
    auto set = [&](Col c) { l.cols.emplace(c, i); };
    if (h == "tt" || h == "stt" || h == "so tt" || h == "ma" || h == "ma so")
      set(Col::code);
    else if (h.starts_with("ma") && h.find("phoi hop") != std::string::npos)
      set(Col::coord_codes);
    else if (h.starts_with("ma") && h.find("chu tri") != std::string::npos)
      set(Col::lead_codes);
    else if (h.starts_with("ma") && h.find("theo doi") != std::string::npos)
      set(Col::monitoring_code);
    else if (h.starts_with("ma") && h.find("nhom") != std::string::npos)
      set(Col::group_code);
    else if (auto system = external_system_of(row[i]))
      l.code_cols.emplace_back(*system, i);
    else if (h.find("chi dao") != std::string::npos)
      set(Col::leader);
    else if (h == "ten nhiem vu" || h == "nhiem vu" || h == "noi dung nhiem vu")
      has_task_name = true, set(Col::name);
    else if (h == "chi tieu" || h == "ten chi tieu" || h == "noi dung chi tieu")
      has_indicator_name = true, set(Col::name);
    else if (h.find("theo doi") != std::string::npos)
      set(Col::monitoring);
    else if (h.find("chu tri") != std::string::npos)
      set(Col::lead);
    else if (h.find("phoi hop") != std::string::npos)
      set(Col::coordinating);
    else if (h.starts_with("ket qua") || h.find("san pham") != std::string::npos || h.starts_with("muc tieu"))
      set(Col::output);
    else if (h.starts_with("thoi han") || h.starts_with("thoi gian"))
      set(Col::deadline);
    else if (h.starts_with("ghi chu"))
      set(Col::notes);
    else if (h.starts_with("linh vuc"))
      set(Col::field);
    else if (h.starts_with("cach tong hop"))
      set(Col::aggregation);
    else if (h.starts_with("gia tri goc") || h.starts_with("gia tri nam goc"))
      set(Col::baseline);
  }
  if (!l.cols.count(Col::code) || !l.cols.count(Col::name)) return std::nullopt;
  if (has_task_name && l.cols.count(Col::lead)) return l;
  if (has_indicator_name && l.cols.count(Col::output)) {
    // In an indicator table "Kết quả" is the target, and the unit "chủ trì theo dõi" monitors it.
    l.indicators = true;
    l.cols[Col::target] = l.cols[Col::output];
    l.cols.erase(Col::output);
    if (!l.cols.count(Col::monitoring) && l.cols.count(Col::lead)) l.cols[Col::monitoring] = l.cols[Col::lead];
    return l;
  }
  return std::nullopt;
}

bool roman_numeral(const std::string& s) {
  return !s.empty() && s.size() <= 6 && s.find_first_not_of("IVXLC") == std::string::npos;
}

// "1." -> "1", "2.3" stays: the item numbers of the documents.
std::string item_code(std::string code) {
  while (!code.empty() && (code.back() == '.' || code.back() == ')')) code.pop_back();
  return code;
}

void append(std::string& to, const std::string& more) {
  if (more.empty()) return;
  if (!to.empty()) to += ' ';
  to += more;
}

std::optional<std::string> level_of(const std::string& name) {
  const std::string k = search_phrase(name);
  if (k == "cap thanh pho" || k == "cap tinh") return "city";
  if (k == "cap xa") return "commune";
  return std::nullopt;
}

}  // namespace

ImportedPlan read_plan_tables(const std::vector<TextTable>& tables) {
  ImportedPlan plan;
  std::set<std::string> task_codes, indicator_codes;
  std::string field;  // the group row tasks stand under
  for (const auto& table : tables) {
    std::optional<Layout> layout;
    bool any = false;
    enum class Last { none, task, indicator, level } last = Last::none;
    for (size_t r = 0; r < table.size(); ++r) {
      const auto& row = table[r];
      const int line = static_cast<int>(r) + 1;
      if (auto h = header_layout(row)) {
        // A table split across pages repeats its header; a new kind of table starts afresh.
        if (!layout || layout->indicators != h->indicators) last = Last::none;
        layout = h;
        any = true;
        continue;
      }
      if (!layout) continue;
      const auto& L = *layout;
      const std::string code = item_code(L.get(row, Col::code));
      const std::string name = L.get(row, Col::name);
      bool empty = true;
      for (const auto& c : row) empty = empty && trim(c).empty();
      if (empty) continue;
      // Column numbering rows ("(1) (2) (3)") under some headers.
      if (code == "(1)" || (code == "1" && search_phrase(name) == "2")) continue;

      if (roman_numeral(code) || (code.size() == 1 && code[0] >= 'A' && code[0] <= 'Z')) {
        if (!L.indicators) field = name;
        last = Last::none;
        continue;
      }
      if (L.indicators) {
        if (!code.empty()) {
          ImportedIndicator ind;
          ind.row = line;
          ind.code = code;
          ind.name = name;
          ind.target_text = L.get(row, Col::target);
          ind.monitoring_text = L.get(row, Col::monitoring);
          ind.notes = L.get(row, Col::notes);
          // The appendix prints the aggregation's Vietnamese words; a hand-made sheet may carry the code.
          ind.aggregation = L.get(row, Col::aggregation);
          if (const auto code = code_of("aggregation", ind.aggregation); !code.empty()) ind.aggregation = code;
          ind.monitoring_code = L.get(row, Col::monitoring_code);
          ind.reporting_group_code = L.get(row, Col::group_code);
          ind.codes = L.codes(row);
          if (const auto b = L.get(row, Col::baseline); !b.empty()) {
            std::string t = b;
            std::replace(t.begin(), t.end(), ',', '.');
            double v = 0;
            auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
            // Only a whole, finite number in range: "1e400", "inf", "nan" and "12abc" are not figures.
            if (ec == std::errc() && p == t.data() + t.size() && !check_number(NumberKind::measure, v, "Giá trị gốc"))
              ind.baseline = v;
            else
              plan.issues.push_back({line, "baseline", "Giá trị gốc \"" + b + "\" không phải là số hợp lệ."});
          }
          if (ind.name.empty()) plan.issues.push_back({line, "name", "Dòng chỉ tiêu " + code + " thiếu tên."});
          if (!indicator_codes.insert(code).second)
            plan.issues.push_back({line, "code", "Số thứ tự chỉ tiêu " + code + " bị trùng."});
          plan.indicators.push_back(std::move(ind));
          last = Last::indicator;
        } else if (auto level = level_of(name); level && !plan.indicators.empty()) {
          plan.indicators.back().levels.push_back({*level, L.get(row, Col::target), L.get(row, Col::monitoring)});
          last = Last::level;
        } else if (last == Last::indicator) {
          auto& ind = plan.indicators.back();
          append(ind.name, name);
          append(ind.target_text, L.get(row, Col::target));
          append(ind.monitoring_text, L.get(row, Col::monitoring));
          append(ind.notes, L.get(row, Col::notes));
        } else if (last == Last::level) {
          auto& lv = plan.indicators.back().levels.back();
          append(lv.target_text, L.get(row, Col::target));
          append(lv.monitoring_text, L.get(row, Col::monitoring));
        } else {
          plan.issues.push_back({line, "code", "Dòng không có số thứ tự và không nối tiếp dòng nào: bỏ qua."});
        }
        continue;
      }
      if (!code.empty()) {
        ImportedTask t;
        t.row = line;
        t.code = code;
        t.name = name;
        t.lead_text = L.get(row, Col::lead);
        t.coordinating_text = L.get(row, Col::coordinating);
        t.output = L.get(row, Col::output);
        t.deadline_text = L.get(row, Col::deadline);
        t.notes = L.get(row, Col::notes);
        t.field = L.cols.count(Col::field) ? L.get(row, Col::field) : field;
        t.directing_leader = L.get(row, Col::leader);
        t.lead_codes = L.get(row, Col::lead_codes);
        t.coordinating_codes = L.get(row, Col::coord_codes);
        t.codes = L.codes(row);
        if (t.name.empty()) plan.issues.push_back({line, "name", "Dòng nhiệm vụ " + code + " thiếu tên nhiệm vụ."});
        if (t.lead_text.empty() && t.lead_codes.empty())
          plan.issues.push_back({line, "lead", "Nhiệm vụ " + code + " chưa có đơn vị chủ trì."});
        if (t.deadline_text.empty())
          plan.issues.push_back({line, "deadline", "Nhiệm vụ " + code + " chưa có thời hạn."});
        if (!task_codes.insert(code).second)
          plan.issues.push_back({line, "code", "Số thứ tự nhiệm vụ " + code + " bị trùng."});
        plan.tasks.push_back(std::move(t));
        last = Last::task;
      } else if (last == Last::task) {
        // The rest of a row that a page break split: each column continues the one above.
        auto& t = plan.tasks.back();
        append(t.name, name);
        append(t.lead_text, L.get(row, Col::lead));
        append(t.coordinating_text, L.get(row, Col::coordinating));
        append(t.output, L.get(row, Col::output));
        append(t.deadline_text, L.get(row, Col::deadline));
        append(t.notes, L.get(row, Col::notes));
        append(t.directing_leader, L.get(row, Col::leader));
      } else {
        plan.issues.push_back({line, "code", "Dòng không có số thứ tự và không nối tiếp dòng nào: bỏ qua."});
      }
    }
    if (any)
      ++plan.tables_read;
    else
      ++plan.tables_skipped;
  }
  if (plan.tasks.empty() && plan.indicators.empty())
    plan.issues.push_back({0, "file",
                           "Không tìm thấy bảng chỉ tiêu hoặc nhiệm vụ: cần một dòng tiêu đề có các cột \"TT\" và "
                           "\"Tên nhiệm vụ\", \"Chủ trì\" (hoặc \"Chỉ tiêu\", \"Kết quả\")."});
  return plan;
}

}  // namespace tiendo::domain
