import Foundation
import Spreadsheet
import Testing

/// A list validation may refuse, question or merely comment on a value outside its list; Excel
/// reads that from the `errorStyle` attribute, absent for the default "stop".
@Suite struct ValidationErrorStyleTests {
    static let groups = ["高校毕业生", "农村劳动力", "退役军人"]

    func validation(_ style: ValidationErrorStyle?, longList: Bool = false) throws -> String {
        let directory = try TemporaryDirectory()
        let values = longList ? DataValidationTests.occupations : Self.groups
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("学员")
            if let style {
                try sheet.addListValidation(firstRow: 2, firstColumn: 5, lastRow: 2001, lastColumn: 5, values: values,
                                            error: ValidationMessage(title: "重点群体", text: "多个群体用、分隔"),
                                            errorStyle: style)
            } else {
                try sheet.addListValidation(firstRow: 2, firstColumn: 5, lastRow: 2001, lastColumn: 5, values: values)
            }
        }
        let validations = DataValidationTests.validations(in: try reader.rawXML(path: "xl/worksheets/sheet1.xml"))
        #expect(validations.count == 1)
        return try #require(validations.first)
    }

    @Test func warningLetsTheUserKeepAValueOutsideTheList() throws {
        let xml = try validation(.warning)
        #expect(xml.contains("errorStyle=\"warning\""))
        #expect(xml.contains("sqref=\"F3:F2002\""))
        #expect(xml.contains("<formula1>\"高校毕业生,农村劳动力,退役军人\"</formula1>"))
    }

    @Test func informationOnlyComments() throws {
        #expect(try validation(.information).contains("errorStyle=\"information\""))
    }

    @Test func theSoftStyleAlsoAppliesToListsOnTheHiddenSheet() throws {
        let xml = try validation(.information, longList: true)
        #expect(xml.contains("errorStyle=\"information\""))
        #expect(xml.contains("<formula1>_lists!$A$1:$A$50</formula1>"))
    }

    @Test func stopIsTheDefaultAndWritesNoStyle() throws {
        #expect(!(try validation(nil)).contains("errorStyle="))
        #expect(!(try validation(.stop)).contains("errorStyle="))
    }
}
