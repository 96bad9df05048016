#include "io/pdf_document.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>

namespace vangnet {

namespace {

// A4 in PostScript points, with margins wide enough for a hole punch.
constexpr double kWidth = 595.28, kHeight = 841.89;
constexpr double kLeft = 56, kRight = 48, kTop = 50, kBottom = 60;
constexpr double kContent = kWidth - kLeft - kRight;

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

struct PdfDocument::Impl {
  std::string bytes;
  std::string footer;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  double y = kTop;
  int page = 1;
  bool finished = false;

  Impl(const std::string& title, std::string footer_text) : footer(std::move(footer_text)) {
    surface = cairo_pdf_surface_create_for_stream(AppendToString, &bytes, kWidth, kHeight);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "vangnet");
    cr = cairo_create(surface);
  }
  ~Impl() {
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }

  // A laid-out text block of `width` points in `font` (a Pango font description).
  PangoLayout* Layout(const std::string& text, const char* font, double width) {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    // Pango assumes 96 dpi; in a PDF one user unit is one point, so sizes are given at 72.
    pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72);
    pango_layout_context_changed(layout);
    PangoFontDescription* description = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, description);
    pango_font_description_free(description);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, text.c_str(), -1);
    return layout;
  }
  static double HeightOf(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void Draw(PangoLayout* layout, double x, double at_y, double grey = 0) {
    cairo_set_source_rgb(cr, grey, grey, grey);
    cairo_move_to(cr, x, at_y);
    pango_cairo_show_layout(cr, layout);
  }

  void Footer() {
    std::string text = footer + " · pagina " + std::to_string(page);
    PangoLayout* layout = Layout(text, "DejaVu Sans 7.5", kContent);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, kLeft, kHeight - kBottom + 14);
    cairo_line_to(cr, kWidth - kRight, kHeight - kBottom + 14);
    cairo_stroke(cr);
    Draw(layout, kLeft, kHeight - kBottom + 20, 0.3);
    g_object_unref(layout);
  }
  void NewPage() {
    Footer();
    cairo_show_page(cr);
    ++page;
    y = kTop;
  }
  // Makes room for `height` points, starting a new page when they do not fit.
  void Reserve(double height) {
    if (y + height > kHeight - kBottom && y > kTop) NewPage();
  }
  void Block(const std::string& text, const char* font, double space_before, double grey = 0) {
    PangoLayout* layout = Layout(text, font, kContent);
    double height = HeightOf(layout);
    Reserve(space_before + height);
    y += y > kTop ? space_before : 0;
    Draw(layout, kLeft, y, grey);
    y += height;
    g_object_unref(layout);
  }
};

PdfDocument::PdfDocument(std::string title, std::string footer)
    : impl_(std::make_unique<Impl>(title, std::move(footer))) {}

PdfDocument::~PdfDocument() = default;

void PdfDocument::Title(const std::string& text) {
  impl_->Block(text, "DejaVu Sans Bold 17", 0);
}

void PdfDocument::Subtitle(const std::string& text) {
  impl_->Block(text, "DejaVu Sans 9.5", 4, 0.35);
}

void PdfDocument::Heading(const std::string& text) {
  // A heading never ends a page alone: keep room for two lines under it.
  impl_->Reserve(16 + 14 + 30);
  impl_->Block(text, "DejaVu Sans Bold 12", 16);
  impl_->y += 3;
}

void PdfDocument::Paragraph(const std::string& text) {
  impl_->Block(text, "DejaVu Sans 10", 5);
}

void PdfDocument::Field(const std::string& label, const std::string& value) {
  auto& d = *impl_;
  constexpr double kLabelWidth = 190;
  PangoLayout* l = d.Layout(label, "DejaVu Sans Bold 9.5", kLabelWidth - 10);
  PangoLayout* v = d.Layout(value.empty() ? " " : value, "DejaVu Sans 10", kContent - kLabelWidth);
  double height = std::max(PdfDocument::Impl::HeightOf(l), PdfDocument::Impl::HeightOf(v));
  if (value.empty()) height = std::max(height, 18.0);
  d.Reserve(height + 7);
  d.y += 4;
  d.Draw(l, kLeft, d.y);
  d.Draw(v, kLeft + kLabelWidth, d.y);
  d.y += height + 3;
  cairo_set_source_rgb(d.cr, 0.8, 0.8, 0.8);
  cairo_set_line_width(d.cr, 0.4);
  cairo_move_to(d.cr, kLeft, d.y);
  cairo_line_to(d.cr, kWidth - kRight, d.y);
  cairo_stroke(d.cr);
  g_object_unref(l);
  g_object_unref(v);
}

void PdfDocument::Checkbox(const std::string& text) {
  auto& d = *impl_;
  PangoLayout* layout = d.Layout(text, "DejaVu Sans 10", kContent - 22);
  double height = PdfDocument::Impl::HeightOf(layout);
  d.Reserve(height + 6);
  d.y += 6;
  cairo_set_source_rgb(d.cr, 0, 0, 0);
  cairo_set_line_width(d.cr, 0.8);
  cairo_rectangle(d.cr, kLeft, d.y + 2, 10, 10);
  cairo_stroke(d.cr);
  d.Draw(layout, kLeft + 22, d.y);
  d.y += height;
  g_object_unref(layout);
}

void PdfDocument::Table(const std::vector<std::string>& header, const std::vector<double>& widths,
                        const std::vector<std::vector<std::string>>& rows) {
  auto& d = *impl_;
  using Row = std::vector<PangoLayout*>;
  auto lay_out = [&](const std::vector<std::string>& cells, const char* font, double& height) {
    Row layouts;
    height = 0;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      layouts.push_back(d.Layout(c < cells.size() ? cells[c] : "", font, widths[c] * kContent - 6));
      height = std::max(height, PdfDocument::Impl::HeightOf(layouts.back()));
    }
    height += 6;
    return layouts;
  };
  auto draw = [&](Row& layouts, double height, bool fill) {
    if (fill) {
      cairo_set_source_rgb(d.cr, 0.9, 0.92, 0.94);
      cairo_rectangle(d.cr, kLeft, d.y, kContent, height);
      cairo_fill(d.cr);
    }
    double x = kLeft;
    for (std::size_t c = 0; c < layouts.size(); ++c) {
      d.Draw(layouts[c], x + 3, d.y + 3);
      x += widths[c] * kContent;
      g_object_unref(layouts[c]);
    }
    cairo_set_source_rgb(d.cr, 0.7, 0.7, 0.7);
    cairo_set_line_width(d.cr, 0.4);
    cairo_rectangle(d.cr, kLeft, d.y, kContent, height);
    cairo_stroke(d.cr);
    d.y += height;
  };
  auto draw_header = [&] {
    double height = 0;
    Row layouts = lay_out(header, "DejaVu Sans Bold 9", height);
    draw(layouts, height, true);
  };
  d.Reserve(40);
  d.y += 6;
  draw_header();
  for (const auto& cells : rows) {
    double height = 0;
    Row layouts = lay_out(cells, "DejaVu Sans 9", height);
    if (d.y + height > kHeight - kBottom) {  // the row goes to the next page, under the header
      d.NewPage();
      draw_header();
    }
    draw(layouts, height, false);
  }
}

void PdfDocument::WritingLines(int count) {
  auto& d = *impl_;
  for (int i = 0; i < count; ++i) {
    d.Reserve(24);
    d.y += 24;
    cairo_set_source_rgb(d.cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(d.cr, 0.5);
    cairo_move_to(d.cr, kLeft, d.y);
    cairo_line_to(d.cr, kWidth - kRight, d.y);
    cairo_stroke(d.cr);
  }
}

void PdfDocument::NotesToPageEnd(const std::string& heading, int min_lines, int max_lines) {
  auto& d = *impl_;
  constexpr double kLine = 24, kHeading = 16 + 14 + 3;
  d.Reserve(kHeading + min_lines * kLine);
  Heading(heading);
  const int room = static_cast<int>((kHeight - kBottom - d.y) / kLine);
  WritingLines(std::clamp(room, min_lines, max_lines));
}

void PdfDocument::PageBreak() {
  impl_->NewPage();
}

Result<std::string> PdfDocument::Finish() {
  auto& d = *impl_;
  if (d.finished) return Error::Internal("PDF is al afgesloten");
  d.finished = true;
  d.Footer();
  cairo_show_page(d.cr);
  cairo_destroy(d.cr);
  d.cr = nullptr;
  cairo_surface_finish(d.surface);
  cairo_status_t status = cairo_surface_status(d.surface);
  cairo_surface_destroy(d.surface);
  d.surface = nullptr;
  if (status != CAIRO_STATUS_SUCCESS)
    return Error::Internal(std::string("PDF maken mislukt: ") + cairo_status_to_string(status));
  return std::move(d.bytes);
}

}  // namespace vangnet
