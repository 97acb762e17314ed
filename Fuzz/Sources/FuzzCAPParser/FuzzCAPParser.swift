import AlertingCAP
import Foundation
import SafeCityCore

/// The CAP ingest path (`POST /api/v1/alerts/ingest`): Foundation's XMLParser into a tree, the CAP 1.2
/// reader, the content rules and the area shapes. An alert that reads must also survive
/// writing and reading again unchanged.
func fuzzCAPParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let document = Data(input)
    guard let alert = try? CAPParser.parse(document) else { return 0 }
    if (try? CAPContentRules.check(alert)) != nil {
        _ = try? AreaShape.shapes(of: alert)
    }
    let written = CAPWriter.write(alert)
    let again: CAPAlert
    do { again = try CAPParser.parse(written) } catch { fatalError("a parsed alert, written again, does not parse: \(error)\n\(written)") }
    guard again == alert else { fatalError("a parsed alert changed when written and read again:\n\(written)") }
    return 0
}
