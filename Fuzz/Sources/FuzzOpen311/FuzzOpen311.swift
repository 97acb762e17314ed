import Community
import SafeCityCore

/// The Open311 GeoReport v2 intake: form decoding of `POST requests` bodies and query strings, the
/// submission checks against SafeCity's service catalogue, the `GET requests` filters and the
/// W3C date-times they carry, and the `{name}.{format}` path split.
func fuzzOpen311(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let bytes = Array(input)
    if let fields = try? FormURLEncoded.decode(bytes) {
        _ = try? ServiceRequestSubmission.parse(fields, catalog: .safeCity) { _ in true }
        _ = try? RequestQuery.parse(fields)
        for field in fields {
            if let time = W3CDateTime.parse(field.value) {
                _ = W3CDateTime.format(time)
                _ = W3CDateTime.format(time, utcOffsetMinutes: -480)
            }
        }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? RequestQuery.parse(queryString: text)
    _ = GeoReportFormat.split(text)
    return 0
}
