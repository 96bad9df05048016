#include "io/xlsx.hpp"

#include <expat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "core/date.hpp"
#include "core/text.hpp"
#include "io/zip_archive.hpp"

namespace vangnet {

namespace {

// An upload is at most a few MB, and everything it unpacks to is bounded before it is held:
// a small file must not be able to take the server's memory (a "zip bomb", a header cell in
// column XFD, millions of empty shared strings). Together these keep one workbook's reading
// under about 400 MB however it is made (README "Security"); a whole national registry
// (72,000 records) stays well inside each.
constexpr std::size_t kMaxUnpackedBytes = 64u << 20;
constexpr std::size_t kMaxColumns = 16384;  // Excel's own limit (XFD), for cell references
constexpr std::size_t kMaxNamedColumns = 100;  // a sheet's header; our widest format has ~30
constexpr std::size_t kMaxSharedStrings = 1'000'000;
constexpr std::size_t kMaxCells = 2'000'000;  // cells with a value, all sheets together
constexpr std::size_t kMaxCellTextBytes = 64u << 20;  // their text, all sheets together
constexpr std::size_t kMaxRows = 1'048'576;           // Excel's own limit
constexpr std::size_t kMaxTableSlots = 4'000'000;     // a sheet's rows times named columns

// ---- XML parts, read as a stream with expat ----------------------------------------------

// Element and attribute names come as "namespace|local"; only the local part matters here,
// since producers differ in prefixes (x:c, c) but not in local names.
std::string_view LocalName(const XML_Char* name) {
  std::string_view full(name);
  auto bar = full.rfind('|');
  return bar == std::string_view::npos ? full : full.substr(bar + 1);
}

std::string_view Attribute(const XML_Char** attributes, std::string_view local) {
  for (int i = 0; attributes[i]; i += 2) {
    if (LocalName(attributes[i]) == local) return attributes[i + 1];
  }
  return {};
}

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // Set by a handler that has seen enough (a limit passed): the parser stops at once.
  std::optional<Error> refusal;
  virtual void Start(std::string_view name, const XML_Char** attributes) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view) {}
};

Status ParseXml(std::string_view xml, XmlHandler& handler, const std::string& where) {
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
      XML_ParserCreateNS("UTF-8", '|'), &XML_ParserFree);
  if (!parser) return Error::Internal("XML-lezer kan niet starten");
  // Handlers get the parser itself, so the entity handler can stop it; the handler object is
  // the parser's user data.
  XML_UseParserAsHandlerArg(parser.get());
  XML_SetUserData(parser.get(), &handler);
  struct Trampoline {
    static XmlHandler& Of(void* p) {
      return *static_cast<XmlHandler*>(XML_GetUserData(static_cast<XML_Parser>(p)));
    }
    static void Start(void* p, const XML_Char* name, const XML_Char** attributes) {
      Of(p).Start(LocalName(name), attributes);
      if (Of(p).refusal) XML_StopParser(static_cast<XML_Parser>(p), XML_FALSE);
    }
    static void End(void* p, const XML_Char* name) {
      Of(p).End(LocalName(name));
      if (Of(p).refusal) XML_StopParser(static_cast<XML_Parser>(p), XML_FALSE);
    }
    static void Text(void* p, const XML_Char* text, int length) {
      Of(p).Text(std::string_view(text, static_cast<std::size_t>(length)));
    }
    // A workbook part never declares entities; one that does is stopped (no entity tricks).
    static void Entity(void* p, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                       const XML_Char*, const XML_Char*, const XML_Char*) {
      XML_StopParser(static_cast<XML_Parser>(p), XML_FALSE);
    }
  };
  XML_SetElementHandler(parser.get(), &Trampoline::Start, &Trampoline::End);
  XML_SetCharacterDataHandler(parser.get(), &Trampoline::Text);
  XML_SetEntityDeclHandler(parser.get(), &Trampoline::Entity);
  // Parsed in slices: XML_Parse takes an int length.
  constexpr std::size_t kSlice = 1 << 20;
  std::size_t offset = 0;
  do {
    std::size_t n = std::min(kSlice, xml.size() - offset);
    bool last = offset + n == xml.size();
    if (XML_Parse(parser.get(), xml.data() + offset, static_cast<int>(n), last) != XML_STATUS_OK) {
      if (XML_GetErrorCode(parser.get()) == XML_ERROR_ABORTED && handler.refusal) {
        return *handler.refusal;
      }
      if (XML_GetErrorCode(parser.get()) == XML_ERROR_ABORTED) {
        return Error::Io(where,
                         "bevat eigen XML-entiteiten, wat een Excel-werkmap nooit doet; "
                         "sla het bestand opnieuw op in Excel");
      }
      const char* why = XML_ErrorString(XML_GetErrorCode(parser.get()));
      return Error::Io(where, std::string("onleesbaar XML (") + (why ? why : "?") + ", regel " +
                                  std::to_string(XML_GetCurrentLineNumber(parser.get())) + ")");
    }
    offset += n;
  } while (offset < xml.size());
  return Ok{};
}

struct SharedStrings : XmlHandler {
  explicit SharedStrings(std::string where_) : where(std::move(where_)) {}
  std::string where;
  std::vector<std::string> strings;
  std::string current;
  bool in_text = false;
  int phonetic = 0;  // <rPh> runs are pronunciation hints, not part of the text
  void Start(std::string_view name, const XML_Char**) override {
    if (name == "si") current.clear();
    if (name == "rPh") ++phonetic;
    if (name == "t" && phonetic == 0) in_text = true;
  }
  void End(std::string_view name) override {
    if (name == "t") in_text = false;
    if (name == "rPh") --phonetic;
    if (name == "si") {
      if (strings.size() >= kMaxSharedStrings) {
        refusal = Error::Io(where, "bevat meer dan " + std::to_string(kMaxSharedStrings) +
                                       " verschillende teksten; splits het bestand");
        return;
      }
      strings.push_back(std::move(current));
    }
  }
  void Text(std::string_view text) override {
    if (in_text) current.append(text);
  }
};

// Whether a number format shows a date: Excel's built-in date formats, or a custom code with
// day, month, year, hour or second letters outside quoted text and [colour] brackets.
bool IsDateFormatCode(std::string_view code) {
  bool quoted = false, bracket = false, escaped = false;
  for (char c : code) {
    if (escaped) {
      escaped = false;
      continue;
    }
    if (c == '\\')
      escaped = true;
    else if (c == '"')
      quoted = !quoted;
    else if (!quoted && c == '[')
      bracket = true;
    else if (!quoted && c == ']')
      bracket = false;
    else if (!quoted && !bracket &&
             std::string_view("dmyhsDMYHS").find(c) != std::string_view::npos)
      return true;
  }
  return false;
}

bool IsBuiltInDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

int ToInt(std::string_view text, int fallback = -1) {
  int value = fallback;
  auto [_, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() ? value : fallback;
}

struct Styles : XmlHandler {
  std::map<int, bool> custom_is_date;  // numFmtId -> shows a date
  std::vector<bool> xf_is_date;        // per cell format (the cell's s="...")
  bool in_cell_xfs = false;
  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name == "numFmt") {
      custom_is_date[ToInt(Attribute(attributes, "numFmtId"))] =
          IsDateFormatCode(Attribute(attributes, "formatCode"));
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      int id = ToInt(Attribute(attributes, "numFmtId"), 0);
      auto custom = custom_is_date.find(id);
      xf_is_date.push_back(custom != custom_is_date.end() ? custom->second
                                                          : IsBuiltInDateFormat(id));
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
  }
};

struct Workbook : XmlHandler {
  struct Sheet {
    std::string name, relation;
  };
  std::vector<Sheet> sheets;
  bool date1904 = false;
  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name == "workbookPr") {
      auto v = Attribute(attributes, "date1904");
      date1904 = v == "1" || v == "true";
    } else if (name == "sheet") {
      sheets.push_back(
          {std::string(Attribute(attributes, "name")), std::string(Attribute(attributes, "id"))});
    }
  }
  void End(std::string_view) override {}
};

struct Relations : XmlHandler {
  std::map<std::string, std::string> target_of;
  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name == "Relationship") {
      target_of[std::string(Attribute(attributes, "Id"))] =
          std::string(Attribute(attributes, "Target"));
    }
  }
  void End(std::string_view) override {}
};

// "AB12" -> column 27 (0-based) and row 12; nullopt when malformed.
std::optional<std::pair<std::size_t, std::size_t>> ParseCellReference(std::string_view ref) {
  std::size_t column = 0, i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    column = column * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    if (column > kMaxColumns) return std::nullopt;
    ++i;
  }
  if (i == 0) return std::nullopt;
  int row = ToInt(ref.substr(i), 0);
  if (row <= 0) return std::nullopt;
  return std::pair{column - 1, static_cast<std::size_t>(row)};
}

std::string ColumnLetters(std::size_t column) {
  std::string letters;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

// A number as a person would type it: integers without ".0", others in their shortest form.
std::string NumberText(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string();
}

// Excel's serial day number as an ISO date (and time when it has one). The 1900 system counts
// the non-existent 29 February 1900, so serials from 61 on count from 30 December 1899.
std::optional<std::string> SerialDateText(double serial, bool date1904) {
  if (!(serial >= 0 && serial < 2958466)) return std::nullopt;  // up to 9999-12-31
  auto days = static_cast<long long>(std::floor(serial));
  long long minutes = std::llround((serial - static_cast<double>(days)) * 1440.0);
  if (minutes >= 1440) {
    ++days;
    minutes -= 1440;
  }
  using namespace std::chrono;
  sys_days base = date1904 ? sys_days{year{1904} / January / 1}
                           : (days >= 61 ? sys_days{year{1899} / December / 30}
                                         : sys_days{year{1899} / December / 31});
  std::string text = FormatDate(year_month_day{base + std::chrono::days{days}});
  if (minutes > 0) {
    char clock[48];
    std::snprintf(clock, sizeof clock, " %02lld:%02lld", minutes / 60, minutes % 60);
    text += clock;
  }
  return text;
}

// What the sheets of one workbook may hold together (kMaxCells, kMaxCellTextBytes).
struct CellBudget {
  std::size_t cells = 0;
  std::size_t text_bytes = 0;
};

struct SheetReader : XmlHandler {
  SheetReader(const std::vector<std::string>& strings_, const std::vector<bool>& xf_is_date_,
              bool date1904_, std::string where_, CellBudget& budget_)
      : strings(strings_),
        xf_is_date(xf_is_date_),
        date1904(date1904_),
        where(std::move(where_)),
        budget(budget_) {}

  const std::vector<std::string>& strings;
  const std::vector<bool>& xf_is_date;
  bool date1904;
  std::string where;
  CellBudget& budget;

  // Rows with content, in sheet order: row number, then (column, text) pairs.
  std::vector<std::pair<std::size_t, std::vector<std::pair<std::size_t, std::string>>>> rows;
  std::optional<Error> error;

  std::size_t row_number = 0, next_column = 0;
  std::size_t cell_column = 0;
  std::string cell_type, cell_text;
  int cell_style = 0;
  bool in_cell = false, in_value = false, in_inline = false, in_text = false;

  void Fail(std::size_t column, std::string message) {
    if (!error)
      error = Error{ErrorKind::kValidation, std::move(message), where, row_number,
                    ColumnLetters(column)};
  }

  void Start(std::string_view name, const XML_Char** attributes) override {
    if (name == "row") {
      int r = ToInt(Attribute(attributes, "r"), 0);
      row_number = r > 0 ? static_cast<std::size_t>(r) : row_number + 1;
      next_column = 0;
      if (row_number > kMaxRows || rows.size() >= kMaxRows) {
        refusal = Error::Io(where, "heeft meer dan " + std::to_string(kMaxRows) +
                                       " regels, meer dan Excel zelf toestaat");
        return;
      }
      rows.emplace_back(row_number, std::vector<std::pair<std::size_t, std::string>>{});
    } else if (name == "c") {
      in_cell = true;
      cell_text.clear();
      cell_type = std::string(Attribute(attributes, "t"));
      cell_style = ToInt(Attribute(attributes, "s"), 0);
      cell_column = next_column;
      if (auto ref = Attribute(attributes, "r"); !ref.empty()) {
        if (auto parsed = ParseCellReference(ref)) cell_column = parsed->first;
      }
      next_column = cell_column + 1;
    } else if (in_cell && name == "v") {
      in_value = true;
    } else if (in_cell && name == "is") {
      in_inline = true;
    } else if (in_inline && name == "t") {
      in_text = true;
    }
  }

  void End(std::string_view name) override {
    if (name == "v") in_value = false;
    if (name == "t") in_text = false;
    if (name == "is") in_inline = false;
    if (name == "c" && in_cell) {
      in_cell = false;
      if (rows.empty())
        rows.emplace_back(row_number ? row_number : 1, decltype(rows)::value_type::second_type{});
      if (auto text = CellText(); text && !text->empty()) {
        budget.text_bytes += text->size();
        if (++budget.cells > kMaxCells || budget.text_bytes > kMaxCellTextBytes) {
          refusal = Error::Io(where, "bevat meer dan " + std::to_string(kMaxCells) +
                                         " gevulde cellen of " +
                                         std::to_string(kMaxCellTextBytes >> 20) +
                                         " MB tekst; splits het bestand");
          return;
        }
        rows.back().second.emplace_back(cell_column, std::move(*text));
      }
    }
  }

  void Text(std::string_view text) override {
    if (in_value || in_text) cell_text.append(text);
  }

  std::optional<std::string> CellText() {
    if (cell_type == "s") {
      int index = ToInt(cell_text);
      if (index < 0 || static_cast<std::size_t>(index) >= strings.size()) {
        Fail(cell_column, "verwijst naar een tekst die niet in het bestand staat");
        return std::nullopt;
      }
      return strings[static_cast<std::size_t>(index)];
    }
    if (cell_type == "inlineStr" || cell_type == "str") return cell_text;
    if (cell_type == "b") return std::string(cell_text == "1" ? "ja" : "nee");
    if (cell_type == "e") {
      Fail(cell_column, "bevat een Excel-fout (" + cell_text + "); vul een waarde in");
      return std::nullopt;
    }
    if (cell_type == "d") return cell_text.substr(0, std::min<std::size_t>(cell_text.size(), 10));
    if (cell_text.empty()) return std::string();
    double value = 0;
    auto [_, ec] = std::from_chars(cell_text.data(), cell_text.data() + cell_text.size(), value);
    if (ec != std::errc()) {
      Fail(cell_column, "getal '" + cell_text + "' is onleesbaar");
      return std::nullopt;
    }
    bool is_date = cell_style >= 0 && static_cast<std::size_t>(cell_style) < xf_is_date.size() &&
                   xf_is_date[static_cast<std::size_t>(cell_style)];
    if (is_date) {
      auto text = SerialDateText(value, date1904);
      if (!text) Fail(cell_column, "datum buiten het bereik van Excel");
      return text;
    }
    return NumberText(value);
  }
};

// "worksheets/sheet1.xml" relative to xl/, or "/xl/worksheets/sheet1.xml" absolute.
std::string PartPath(const std::string& target) {
  if (target.starts_with('/')) return target.substr(1);
  return "xl/" + target;
}

Result<CsvTable> SheetTable(SheetReader& reader) {
  CsvTable table;
  std::size_t r = 0;
  auto trimmed_nonempty = [](const auto& cells) {
    return std::any_of(cells.begin(), cells.end(),
                       [](const auto& c) { return !Trim(c.second).empty(); });
  };
  while (r < reader.rows.size() && !trimmed_nonempty(reader.rows[r].second)) ++r;
  if (r == reader.rows.size()) return table;  // an empty sheet
  // The named columns only, in sheet order: a header cell far to the right (column XFD) must
  // not make every row as wide as the sheet.
  std::map<std::size_t, std::size_t> slot_of;  // sheet column -> position in the table
  std::vector<std::size_t> header_line;
  for (const auto& [column, text] : reader.rows[r].second) {
    if (Trim(text).empty()) continue;
    if (!slot_of.count(column)) {
      if (slot_of.size() >= kMaxNamedColumns) {
        return Error{ErrorKind::kValidation,
                     "de kopregel heeft meer dan " + std::to_string(kMaxNamedColumns) +
                         " kolommen; vangnet's formaten hebben er veel minder",
                     reader.where, reader.rows[r].first, ColumnLetters(column)};
      }
      slot_of.emplace(column, 0);
    }
  }
  for (auto& [column, slot] : slot_of) {
    slot = table.header.size();
    table.header.emplace_back();
  }
  for (const auto& [column, text] : reader.rows[r].second) {
    if (!Trim(text).empty()) table.header[slot_of.at(column)] = std::string(Trim(text));
  }
  const std::size_t width = table.header.size();
  for (++r; r < reader.rows.size(); ++r) {
    auto& [line, cells] = reader.rows[r];
    if (!trimmed_nonempty(cells)) continue;
    // Every row takes a slot per named column, filled or not.
    if ((table.records.size() + 1) * width > kMaxTableSlots) {
      return Error{ErrorKind::kValidation,
                   "heeft meer dan " + std::to_string(kMaxTableSlots) +
                       " cellen (regels maal kolommen); splits het bestand",
                   reader.where, line, {}};
    }
    CsvRecord record{line, std::vector<std::string>(width)};
    for (auto& [column, text] : cells) {
      auto slot = slot_of.find(column);
      if (slot == slot_of.end()) {
        if (Trim(text).empty()) continue;
        return Error{ErrorKind::kValidation,
                     "waarde '" + std::string(Trim(text)).substr(0, 40) +
                         "' staat in een kolom zonder kopnaam; geef de kolom een naam in de "
                         "eerste regel of maak de cel leeg",
                     reader.where, line, ColumnLetters(column)};
      }
      record.cells[slot->second] = std::move(text);
    }
    table.records.push_back(std::move(record));
  }
  return table;
}

}  // namespace

bool LooksLikeXlsx(std::string_view bytes) {
  return bytes.starts_with("PK\x03\x04");
}

Result<std::vector<XlsxSheet>> ReadXlsx(std::string_view bytes, const std::string& file_name) {
  auto entries = ReadZipBytes(bytes, file_name, kMaxUnpackedBytes);
  if (!entries) return entries.error();
  return ReadXlsxParts(entries.value(), file_name);
}

Result<std::vector<XlsxSheet>> ReadXlsxParts(const std::vector<ArchiveEntry>& entries,
                                             const std::string& file_name) {
  std::map<std::string, const std::string*> parts;
  for (const auto& e : entries) parts[e.name] = &e.bytes;
  auto part = [&](const std::string& name) -> const std::string* {
    auto it = parts.find(name);
    return it == parts.end() ? nullptr : it->second;
  };
  const std::string* workbook_xml = part("xl/workbook.xml");
  const std::string* relations_xml = part("xl/_rels/workbook.xml.rels");
  if (!workbook_xml || !relations_xml) {
    return Error::Io(file_name,
                     "is geen Excel-werkmap (.xlsx); sla het bestand in Excel op als "
                     "'Excel-werkmap' of als CSV UTF-8");
  }
  Workbook workbook;
  if (auto s = ParseXml(*workbook_xml, workbook, file_name); !s) return s.error();
  Relations relations;
  if (auto s = ParseXml(*relations_xml, relations, file_name); !s) return s.error();
  SharedStrings shared(file_name);
  if (const std::string* xml = part("xl/sharedStrings.xml")) {
    if (auto s = ParseXml(*xml, shared, file_name); !s) return s.error();
  }
  Styles styles;
  if (const std::string* xml = part("xl/styles.xml")) {
    if (auto s = ParseXml(*xml, styles, file_name); !s) return s.error();
  }
  std::vector<XlsxSheet> sheets;
  CellBudget budget;
  for (const auto& sheet : workbook.sheets) {
    auto target = relations.target_of.find(sheet.relation);
    if (target == relations.target_of.end()) continue;  // a chart sheet or a broken link
    const std::string* xml = part(PartPath(target->second));
    if (!xml) continue;
    if (target->second.find("worksheets/") == std::string::npos &&
        target->second.find("worksheet") == std::string::npos)
      continue;
    SheetReader reader(shared.strings, styles.xf_is_date, workbook.date1904,
                       file_name + ", blad " + sheet.name, budget);
    if (auto s = ParseXml(*xml, reader, reader.where); !s) return s.error();
    if (reader.error) return *reader.error;
    auto table = SheetTable(reader);
    if (!table) return table.error();
    sheets.push_back(XlsxSheet{sheet.name, std::move(table.value())});
  }
  if (sheets.empty()) return Error::Io(file_name, "de werkmap bevat geen werkbladen");
  return sheets;
}

}  // namespace vangnet
