// libFuzzer target: `kpi import`'s reading of a sheet (Import/KPISheet.swift).
//
// The oracle, on arbitrary bytes:
//   - `KPISheet.parse` returns a sheet or throws its `Failure`; it never crashes or traps;
//   - a sheet has a department and a KPI column;
//   - every non-blank record after the header is accounted for exactly once: accepted rows
//     plus refused rows equal the non-blank data records (counted here with the same CSV
//     reader and the same delimiter rule), and their line numbers are distinct and rising;
//   - every accepted row is sane: department and KPI name are not empty, every text cell is
//     already clean (cleaning it again changes nothing: no control characters, no line
//     breaks or tabs, no leading or trailing or doubled spaces), a target is finite, a weight
//     lies in 0…100;
//   - accepted rows round-trip: written back as a CSV with accord's own header (each cell
//     quoted), the sheet reads again to the same rows (same departments, names, metrics,
//     directions, units, sources, cycles, weights, owners, targets).
import CSV
import CFuzzDriver
import Foundation
@testable import AccordCore

private func fail(_ what: String, _ data: Data) -> Never {
    FileHandle.standardError.write(Data("CSV ORACLE: \(what)\n  input: \(String(decoding: data.prefix(400), as: UTF8.self).debugDescription)\n".utf8))
    fatalError(what)
}

private func isClean(_ s: String) -> Bool {
    KPISheet.clean(s) == s && ControlCharacters.first(in: s) == nil
}

private func csvCell(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

/// Shortest decimal that reads back to the same Double, in a form Num.parse reads (no exponent).
private func plain(_ v: Double) -> String {
    let f = NumberFormatter()
    f.numberStyle = .decimal
    f.usesGroupingSeparator = false
    f.maximumFractionDigits = 40
    f.locale = Locale(identifier: "en_US_POSIX")
    return f.string(from: NSNumber(value: v)) ?? "\(v)"
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes else { return 0 }
    let data = Data(bytes: bytes, count: size)
    let sheet: KPISheet.Sheet
    do { sheet = try KPISheet.parse(data) } catch is KPISheet.Failure { return 0 } catch { fail("unexpected error \(error)", data) }
    guard sheet.columns[.dept] != nil, sheet.columns[.name] != nil else { fail("a sheet without dept or name column", data) }

    // the records, counted independently
    guard let text = try? KPISheet.decode(data),
          let reader = try? CSVReader(string: text, hasHeaderRow: false, trimFields: false,
                                      delimiter: KPISheet.sniffDelimiter(text))
    else { fail("parse accepted what decode or the reader refuses", data) }
    var records: [[String]] = []
    while let r = reader.next() { records.append(r) }
    guard let headerAt = records.firstIndex(where: { !KPISheet.isBlank($0) }) else { fail("a sheet without a header", data) }
    let dataRecords = records[(headerAt + 1)...].filter { !KPISheet.isBlank($0) }.count
    if sheet.rows.count + sheet.errors.count != dataRecords {
        fail("rows \(sheet.rows.count) + errors \(sheet.errors.count) != data records \(dataRecords)", data)
    }
    let lines = (sheet.rows.map(\.line) + sheet.errors.map(\.line)).sorted()
    if Set(lines).count != lines.count { fail("two results on one line: \(lines)", data) }
    if let first = lines.first, first < 2 { fail("a data row on line \(first)", data) }

    for row in sheet.rows {
        if row.dept.isEmpty || row.name.isEmpty { fail("an accepted row without dept or name", data) }
        for s in [row.dept, row.name, row.metric, row.unit, row.source, row.owner].compactMap({ $0 }) where !isClean(s) {
            let scalars = { (x: String) in x.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") }
            fail("an accepted cell is not clean: \(s.debugDescription)\n  scalars: \(scalars(s))\n  cleaned: \(scalars(KPISheet.clean(s)))", data)
        }
        if let v = row.target, !v.isFinite { fail("target \(v)", data) }
        if let w = row.weight, !(0...100).contains(w) { fail("weight \(w)", data) }
    }

    // round trip of the accepted rows
    guard !sheet.rows.isEmpty else { return 0 }
    var out = "department,kpi,metric key,direction,target,unit,source,cycle,weight,owner\n"
    for r in sheet.rows {
        let cells = [r.dept, r.name, r.metric ?? "", r.dir?.rawValue ?? "", r.target.map(plain) ?? "",
                     r.unit ?? "", r.source ?? "", r.cycle?.rawValue ?? "", r.weight.map(plain) ?? "", r.owner ?? ""]
        out += cells.map(csvCell).joined(separator: ",") + "\n"
    }
    let again: KPISheet.Sheet
    do { again = try KPISheet.parse(Data(out.utf8)) } catch { fail("accepted rows do not read again: \(error)\n\(out)", data) }
    if !again.errors.isEmpty { fail("accepted rows refused on reading again: \(again.errors)\n\(out)", data) }
    for (a, b) in zip(sheet.rows, again.rows) {
        var b = b
        b.line = a.line
        if a != b { fail("row changed on reading again:\n  \(a)\n  \(b)", data) }
    }
    if again.rows.count != sheet.rows.count { fail("row count changed on reading again", data) }
    return 0
}

/// SwiftPM names this executable's entry point `FuzzCSV_main`; it runs libFuzzer's driver.
@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc, argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzCSV)
}
