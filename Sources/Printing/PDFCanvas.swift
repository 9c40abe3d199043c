import Foundation
import CCairoPango

/// A PDF of A4 pages drawn in millimetres from the page's top left corner, through cairo, with
/// text laid out by pango (so Chinese, mixed scripts and characters outside the BMP shape and
/// wrap properly, and fonts are embedded as subsets).
///
/// One canvas belongs to one writer: it is not shared between threads.
final class PDFCanvas {
    static let a4Width = 210.0
    static let a4Height = 297.0
    /// cairo's PDF units are points (1/72 inch).
    private static let pointsPerMillimetre = 72.0 / 25.4

    private let path: String
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let pango: OpaquePointer
    private var finished = false

    init(url: URL, title: String) throws(PrintingError) {
        path = url.path
        surface = cairo_pdf_surface_create(path, Self.a4Width * Self.pointsPerMillimetre, Self.a4Height * Self.pointsPerMillimetre)
        if let problem = Self.problem(cairo_surface_status(surface)) {
            cairo_surface_destroy(surface)
            throw .cannotWrite(path: path, detail: problem)
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "SkillCert")
        cairo = cairo_create(surface)
        pango = pango_cairo_create_context(cairo)
        // Font sizes are in points, as on paper: pango's default of 96 dpi would enlarge them by a third.
        pango_cairo_context_set_resolution(pango, 72)
        cairo_set_source_rgb(cairo, 0, 0, 0)
    }

    deinit {
        if !finished { cairo_surface_finish(surface) }
        g_object_unref(UnsafeMutableRawPointer(pango))
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// Ends the current page and starts the next.
    func nextPage() {
        cairo_show_page(cairo)
    }

    /// Writes the file out; the canvas takes no more drawing.
    func finish() throws(PrintingError) {
        cairo_surface_finish(surface)
        finished = true
        if let problem = Self.problem(cairo_surface_status(surface)) { throw .cannotWrite(path: path, detail: problem) }
    }

    /// Draws `text` with its top left corner at (`x`, `y`) mm; within `width` mm it wraps and is
    /// aligned. Returns the height the text took, in mm.
    @discardableResult
    func text(_ text: String, x: Double, y: Double, width: Double? = nil, size: Double, font: PrintFont = .sans,
              bold: Bool = false, alignment: TextAlignment = .left) -> Double {
        let layout = pango_layout_new(pango)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let description = pango_font_description_new()
        pango_font_description_set_family(description, font.rawValue)
        pango_font_description_set_absolute_size(description, size * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        if let width {
            pango_layout_set_width(layout, Int32(width * Self.pointsPerMillimetre * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            let pangoAlignment = switch alignment {
            case .left: PANGO_ALIGN_LEFT
            case .center: PANGO_ALIGN_CENTER
            case .right: PANGO_ALIGN_RIGHT
            }
            pango_layout_set_alignment(layout, pangoAlignment)
        }
        pango_layout_set_text(layout, text, -1)
        cairo_move_to(cairo, x * Self.pointsPerMillimetre, y * Self.pointsPerMillimetre)
        pango_cairo_update_layout(cairo, layout)
        pango_cairo_show_layout(cairo, layout)
        var logicalWidth: Int32 = 0, logicalHeight: Int32 = 0
        pango_layout_get_size(layout, &logicalWidth, &logicalHeight)
        return Double(logicalHeight) / Double(PANGO_SCALE) / Self.pointsPerMillimetre
    }

    /// A rectangle's outline, `lineWidth` in mm.
    func box(x: Double, y: Double, width: Double, height: Double, lineWidth: Double = 0.3) {
        let k = Self.pointsPerMillimetre
        cairo_set_line_width(cairo, lineWidth * k)
        cairo_rectangle(cairo, x * k, y * k, width * k, height * k)
        cairo_stroke(cairo)
    }

    /// A straight line, `lineWidth` in mm.
    func line(fromX: Double, fromY: Double, toX: Double, toY: Double, lineWidth: Double = 0.3) {
        let k = Self.pointsPerMillimetre
        cairo_set_line_width(cairo, lineWidth * k)
        cairo_move_to(cairo, fromX * k, fromY * k)
        cairo_line_to(cairo, toX * k, toY * k)
        cairo_stroke(cairo)
    }

    /// `code` as a square of `side` mm at (`x`, `y`), its quiet zone (4 modules, which readers
    /// need to find the code) included in the side and painted white over anything beneath.
    func qrCode(_ code: QRCode, x: Double, y: Double, side: Double) {
        let k = Self.pointsPerMillimetre
        let quiet = 4
        let module = side / Double(code.size + 2 * quiet) * k
        cairo_save(cairo)
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_rectangle(cairo, x * k, y * k, side * k, side * k)
        cairo_fill(cairo)
        cairo_set_source_rgb(cairo, 0, 0, 0)
        // Runs of dark modules as one rectangle each: no hairline seams between neighbours when
        // a viewer or printer rasterizes the page.
        for row in 0..<code.size {
            var column = 0
            while column < code.size {
                guard code.isDark(row: row, column: column) else { column += 1; continue }
                let start = column
                while column < code.size && code.isDark(row: row, column: column) { column += 1 }
                cairo_rectangle(cairo, x * k + Double(start + quiet) * module, y * k + Double(row + quiet) * module,
                                Double(column - start) * module, module)
            }
        }
        cairo_fill(cairo)
        cairo_restore(cairo)
    }

    private static func problem(_ status: cairo_status_t) -> String? {
        status == CAIRO_STATUS_SUCCESS ? nil : String(cString: cairo_status_to_string(status))
    }
}
