#include "io/csv.hpp"

#include "core/text.hpp"

namespace vangnet {

namespace {

// Dutch Excel saves "CSV" with semicolons; pick whichever separates more header columns.
char DetectDelimiter(std::string_view content) {
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : content) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

// Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as a
// formula: =HYPERLINK(...) in a practice name would be a live link in the coordinator's Excel.
// Such a cell is written with a leading apostrophe, which spreadsheets show as text, unless it
// is only a number or phone number ("+31 43 123 4567", "-5,25"), which cannot call anything.
// Reading takes one such apostrophe off again, so our own exports import unchanged.
constexpr std::string_view kFormulaStarts = "=+-@\t\r";

bool MayRunAsFormula(std::string_view cell) {
  if (cell.empty() || kFormulaStarts.find(cell.front()) == std::string_view::npos) return false;
  return cell.find_first_not_of("0123456789 +-.,()/") != std::string_view::npos;
}

std::string Neutralised(std::string_view cell) {
  return MayRunAsFormula(cell) ? "'" + std::string(cell) : std::string(cell);
}

std::string Restored(std::string cell) {
  if (cell.size() >= 2 && cell.front() == '\'' &&
      MayRunAsFormula(std::string_view(cell).substr(1))) {
    cell.erase(0, 1);
  }
  return cell;
}

bool NeedsQuotes(std::string_view cell) {
  if (cell.empty()) return false;
  if (cell.front() == ' ' || cell.back() == ' ') return true;
  return cell.find_first_of(",;\"\r\n") != std::string_view::npos;
}

}  // namespace

Result<CsvTable> ReadCsv(std::string_view content, const std::string& file_name) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  if (!IsValidUtf8(content)) {
    // Find the line, so the coordinator can see which text Excel saved in another encoding.
    std::size_t line = 1, start = 0;
    for (std::size_t i = 0; i <= content.size(); ++i) {
      if (i == content.size() || content[i] == '\n') {
        if (!IsValidUtf8(content.substr(start, i - start))) break;
        ++line;
        start = i + 1;
      }
    }
    Error error =
        Error::Io(file_name,
                  "het bestand is geen UTF-8 (waarschijnlijk Windows-1252). Sla het in "
                  "Excel op als 'CSV UTF-8 (door komma's gescheiden)' en probeer opnieuw");
    error.kind = ErrorKind::kValidation;
    error.row = line;
    return error;
  }
  CsvTable table;
  table.delimiter = DetectDelimiter(content);

  std::vector<CsvRecord> all;
  CsvRecord current{1, {}};
  std::string cell;
  bool quoted = false, cell_was_quoted = false, record_has_content = false;
  std::size_t line = 1, quote_line = 0;
  auto end_cell = [&] {
    current.cells.push_back(Restored(cell_was_quoted ? cell : std::string(Trim(cell))));
    cell.clear();
    cell_was_quoted = false;
  };
  for (std::size_t i = 0; i < content.size(); ++i) {
    char c = content[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < content.size() && content[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && Trim(cell).empty()) {
      quoted = cell_was_quoted = record_has_content = true;
      quote_line = line;
      cell.clear();
    } else if (c == table.delimiter) {
      end_cell();
      record_has_content = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < content.size() && content[i + 1] == '\n') ++i;
      end_cell();
      if (record_has_content || current.cells.size() > 1 || !current.cells[0].empty()) {
        all.push_back(std::move(current));
      }
      ++line;
      current = CsvRecord{line, {}};
      record_has_content = false;
    } else {
      if (cell_was_quoted) {
        Error error = Error::Validation(
            {}, "tekst na een afsluitend aanhalingsteken; zet de hele cel tussen aanhalingstekens");
        error.file = file_name;
        error.row = line;
        return error;
      }
      cell += c;
      record_has_content = true;
    }
  }
  if (quoted) {
    Error error =
        Error::Validation({}, "aanhalingsteken wordt niet afgesloten; controleer deze regel");
    error.file = file_name;
    error.row = quote_line;
    return error;
  }
  end_cell();
  if (record_has_content || current.cells.size() > 1 || !current.cells[0].empty()) {
    all.push_back(std::move(current));
  }
  if (all.empty()) {
    Error error =
        Error::Validation({}, "het bestand is leeg; de eerste regel moet de kolomnamen bevatten");
    error.file = file_name;
    error.row = 1;
    return error;
  }
  table.header = std::move(all.front().cells);
  for (std::size_t r = 1; r < all.size(); ++r) {
    if (all[r].cells.size() != table.header.size()) {
      Error error = Error::Validation(
          {}, "deze regel heeft " + std::to_string(all[r].cells.size()) +
                  " kolommen, de kopregel " + std::to_string(table.header.size()));
      error.file = file_name;
      error.row = all[r].line;
      return error;
    }
    table.records.push_back(std::move(all[r]));
  }
  return table;
}

std::string WriteCsv(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  auto write_row = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      const std::string cell = Neutralised(cells[i]);
      if (NeedsQuotes(cell)) {
        out += '"';
        for (char c : cell) {
          if (c == '"') out += '"';
          out += c;
        }
        out += '"';
      } else {
        out += cell;
      }
    }
    out += '\n';
  };
  write_row(header);
  for (const auto& row : rows) write_row(row);
  return out;
}

std::string WriteCsv(const Table& table) {
  std::vector<std::string> header;
  for (const auto& c : table.columns) header.push_back(c.header);
  return WriteCsv(header, table.rows);
}

}  // namespace vangnet
