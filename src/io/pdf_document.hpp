// Printable paper fallbacks as PDF (A4), with cairo and pango from Debian: pango shapes and wraps
// full UTF-8 text (Dutch accents, any name), cairo writes the PDF and embeds the font subsets, so
// the printout looks the same on any printer. Every page carries the footer that says what
// version of what is shown and when it was printed, so an old copy is recognisable.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace vangnet {

class PdfDocument {
 public:
  // `title` goes into the PDF metadata and on top of the first page; `footer` on every page.
  PdfDocument(std::string title, std::string footer);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  void Title(const std::string& text);
  void Subtitle(const std::string& text);  // a muted line under the title
  void Heading(const std::string& text);
  void Paragraph(const std::string& text);
  // A label in the left column and its value, wrapped, in the right one. Empty value: a line to
  // write on.
  void Field(const std::string& label, const std::string& value);
  // A box to tick, with the text wrapped beside it.
  void Checkbox(const std::string& text);
  // A table with a header row; columns share the width by `widths` (fractions summing to 1).
  // Rows break across pages, the header repeats.
  void Table(const std::vector<std::string>& header, const std::vector<double>& widths,
             const std::vector<std::vector<std::string>>& rows);
  // `count` empty ruled lines to write on by hand.
  void WritingLines(int count);
  // A heading with lines to write on under it, to the end of this page: at least `min_lines` (on
  // a new page if they do not fit), at most `max_lines`. Never a second page for a few lines.
  void NotesToPageEnd(const std::string& heading, int min_lines, int max_lines);
  void PageBreak();

  // Ends the document and returns the PDF's bytes.
  Result<std::string> Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vangnet
