import CXlsxWriter

/// A chart drawn from cells already written to the workbook (Excel recalculates it from them).
///
/// Titles and series names are plain text, except that libxlsxwriter reads a text starting
/// with "=" as a cell reference, such as `=Sheet1!$B$1`.
public struct Chart: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case column, bar, line, pie }

    public struct Series: Hashable, Sendable {
        public var name: String?
        /// Labels along the category axis (the slices of a pie); nil numbers them 1, 2, 3….
        public var categories: SheetRange?
        public var values: SheetRange

        public init(name: String? = nil, categories: SheetRange? = nil, values: SheetRange) {
            self.name = name
            self.categories = categories
            self.values = values
        }
    }

    public var kind: Kind
    public var title: String?
    public var series: [Series]
    /// Ignored for pie charts, which have no axes.
    public var categoryAxisTitle: String?
    /// Ignored for pie charts, which have no axes.
    public var valueAxisTitle: String?

    public init(kind: Kind, title: String? = nil, series: [Series] = [], categoryAxisTitle: String? = nil,
                valueAxisTitle: String? = nil) {
        self.kind = kind
        self.title = title
        self.series = series
        self.categoryAxisTitle = categoryAxisTitle
        self.valueAxisTitle = valueAxisTitle
    }

    var libraryType: lxw_chart_type {
        switch kind {
        case .column: return LXW_CHART_COLUMN
        case .bar: return LXW_CHART_BAR
        case .line: return LXW_CHART_LINE
        case .pie: return LXW_CHART_PIE
        }
    }
}

extension Worksheet {
    /// Places the chart with its top-left corner at the cell. Excel's default chart is 480 × 288
    /// pixels; `widthScale` and `heightScale` stretch it.
    public func insertChart(_ chart: Chart, row: Int, column: Int, widthScale: Double = 1,
                            heightScale: Double = 1) throws(SpreadsheetError) {
        let cell = CellRange(firstRow: row, firstColumn: column, lastRow: row, lastColumn: column)
        let sheet = try open(for: .insertChart)
        try check(cell, for: .insertChart)
        guard !chart.series.isEmpty else {
            throw rejected(cell, .insertChart, .init(chinese: "图表没有数据系列", english: "The chart has no data series"))
        }
        guard widthScale.isFinite, heightScale.isFinite, widthScale > 0, heightScale > 0 else {
            throw rejected(cell, .insertChart, .init(library: LXW_ERROR_PARAMETER_VALIDATION))
        }
        for series in chart.series {
            for range in [series.categories, series.values].compactMap({ $0 }) where !range.range.isWithinSheet {
                throw rejected(range.range, .insertChart, .outOfRange)
            }
        }
        guard let handle = workbook.addChart(type: chart.libraryType) else {
            throw rejected(cell, .insertChart, .init(library: LXW_ERROR_MEMORY_MALLOC_FAILED))
        }
        if let title = chart.title { chart_title_set_name(handle, title) }
        for series in chart.series {
            guard let added = chart_add_series(handle, series.categories?.formula, series.values.formula) else {
                throw rejected(cell, .insertChart, .init(library: LXW_ERROR_MEMORY_MALLOC_FAILED))
            }
            if let name = series.name { chart_series_set_name(added, name) }
        }
        if chart.kind != .pie {
            // libxlsxwriter names axes by position: in a bar chart the horizontal X axis holds the
            // values and the vertical Y axis the categories.
            let (categoryAxis, valueAxis) = chart.kind == .bar ? (LXW_CHART_AXIS_TYPE_Y, LXW_CHART_AXIS_TYPE_X)
                                                               : (LXW_CHART_AXIS_TYPE_X, LXW_CHART_AXIS_TYPE_Y)
            if let title = chart.categoryAxisTitle {
                chart_axis_set_name(chart_axis_get(handle, categoryAxis), title)
            }
            if let title = chart.valueAxisTitle {
                chart_axis_set_name(chart_axis_get(handle, valueAxis), title)
            }
        }
        var options = lxw_chart_options()
        options.x_scale = widthScale
        options.y_scale = heightScale
        let error = worksheet_insert_chart_opt(sheet, lxw_row_t(row), lxw_col_t(column), handle, &options)
        try check(error, cell, .insertChart)
    }
}
