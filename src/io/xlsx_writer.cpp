// Writing Excel workbooks with libxlsxwriter (xlsx.hpp); the reader is xlsx.cpp.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "core/date.hpp"
#include "core/text.hpp"
#include "io/xlsx.hpp"

namespace vangnet {

// ---- Writing with libxlsxwriter -----------------------------------------------------------

namespace {

struct WorkbookCloser {
  void operator()(lxw_workbook* w) const {
    if (w) workbook_close(w);
  }
};

std::string SheetName(std::string name, std::set<std::string>& used) {
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '-';
  }
  if (name.empty()) name = "Blad";
  // 31 characters at most; cut on a character boundary.
  std::string cut;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < name.size() && characters < 28; ++characters) {
    std::size_t n = 1;
    auto c = static_cast<unsigned char>(name[i]);
    if (c >= 0xF0)
      n = 4;
    else if (c >= 0xE0)
      n = 3;
    else if (c >= 0xC0)
      n = 2;
    cut += name.substr(i, n);
    i += n;
  }
  std::string unique = cut;
  for (int k = 2; used.contains(unique); ++k) unique = cut + "-" + std::to_string(k);
  used.insert(unique);
  return unique;
}

std::optional<double> ParseNumber(const std::string& text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<lxw_datetime> ParseDateTime(const std::string& text) {
  auto date = ParseDate(std::string_view(text).substr(0, 10));
  if (!date) return std::nullopt;
  lxw_datetime out{static_cast<int>(date->year()),
                   static_cast<int>(unsigned(date->month())),
                   static_cast<int>(unsigned(date->day())),
                   0,
                   0,
                   0};
  if (text.size() == 16 && text[10] == ' ' && text[13] == ':') {
    out.hour = static_cast<int>(ParseInteger(std::string_view(text).substr(11, 2)).value_or(0));
    out.min = static_cast<int>(ParseInteger(std::string_view(text).substr(14, 2)).value_or(0));
  } else if (text.size() != 10) {
    return std::nullopt;
  }
  return out;
}

}  // namespace

Result<std::string> WriteXlsx(const std::vector<Table>& tables) {
  std::string path = (std::filesystem::temp_directory_path() / "vangnet-xlsx-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return Error::Io(path, "tijdelijk bestand kan niet worden gemaakt");
  close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove_after{path};

  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go straight to disk: a 100k-row export stays small
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (!book) return Error::Io(path, "werkmap kan niet worden gemaakt");
  std::unique_ptr<lxw_workbook, WorkbookCloser> guard(book);

  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_bottom(header, LXW_BORDER_THIN);
  format_set_bg_color(header, 0xE8EEF4);
  lxw_format* explanation = workbook_add_format(book);
  format_set_italic(explanation);
  format_set_text_wrap(explanation);
  format_set_font_color(explanation, 0x555555);
  format_set_align(explanation, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* date = workbook_add_format(book);
  format_set_num_format(date, "dd-mm-yyyy");
  lxw_format* date_time = workbook_add_format(book);
  format_set_num_format(date_time, "dd-mm-yyyy hh:mm");
  lxw_format* integer = workbook_add_format(book);
  format_set_num_format(integer, "0");

  std::set<std::string> used;
  for (const auto& table : tables) {
    if (table.rows.size() + 2 > LXW_ROW_MAX) {
      return Error::Io(table.name, "te veel regels voor één Excel-blad");
    }
    lxw_worksheet* sheet = workbook_add_worksheet(book, SheetName(table.name, used).c_str());
    if (!sheet) return Error::Io(table.name, "blad kan niet worden gemaakt");
    const auto columns = static_cast<lxw_col_t>(table.columns.size());
    const lxw_row_t header_rows = table.explanation.empty() ? 1 : 2;
    // Widths that fit: the longest value per column, within reason.
    for (lxw_col_t c = 0; c < columns; ++c) {
      std::size_t widest = CharacterCount(table.columns[c].header) + 2;  // room for the filter
      if (table.columns[c].type == CellType::kDate) widest = std::max<std::size_t>(widest, 11);
      for (const auto& row : table.rows) {
        if (c < row.size()) widest = std::max(widest, CharacterCount(row[c]));
      }
      if (!table.explanation.empty()) widest = std::max<std::size_t>(widest, 24);
      worksheet_set_column(
          sheet, c, c, static_cast<double>(std::clamp<std::size_t>(widest, 6, 60)) + 1, nullptr);
    }
    for (lxw_col_t c = 0; c < columns; ++c) {
      worksheet_write_string(sheet, 0, c, table.columns[c].header.c_str(), header);
    }
    if (!table.explanation.empty()) {
      worksheet_set_row(sheet, 1, 90, nullptr);
      for (lxw_col_t c = 0; c < columns && c < table.explanation.size(); ++c) {
        worksheet_write_string(sheet, 1, c, table.explanation[c].c_str(), explanation);
      }
    }
    lxw_row_t r = header_rows;
    for (const auto& row : table.rows) {
      for (lxw_col_t c = 0; c < columns && c < row.size(); ++c) {
        const std::string& text = row[c];
        if (text.empty()) continue;
        switch (table.columns[c].type) {
          case CellType::kInteger:
          case CellType::kNumber:
            if (auto number = ParseNumber(text)) {
              worksheet_write_number(
                  sheet, r, c, *number,
                  table.columns[c].type == CellType::kInteger ? integer : nullptr);
              continue;
            }
            break;
          case CellType::kDate:
            if (auto when = ParseDateTime(text)) {
              worksheet_write_datetime(sheet, r, c, &*when, text.size() > 10 ? date_time : date);
              continue;
            }
            break;
          case CellType::kText:
            break;
        }
        // Always a string cell: "=SUM(...)" in a name stays text, never a formula.
        worksheet_write_string(sheet, r, c, text.c_str(), nullptr);
      }
      ++r;
    }
    worksheet_freeze_panes(sheet, header_rows, 0);
    if (columns > 0) {
      worksheet_autofilter(sheet, 0, 0, r > 1 ? r - 1 : 1, columns - 1);
    }
  }
  lxw_error closed = workbook_close(guard.release());
  if (closed != LXW_NO_ERROR) {
    return Error::Io(path,
                     std::string("werkmap kan niet worden geschreven: ") + lxw_strerror(closed));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return Error::Io(path, "werkmap kan niet worden gelezen");
  return bytes.str();
}

}  // namespace vangnet
