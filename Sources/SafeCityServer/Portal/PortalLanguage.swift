import Foundation

/// A language the public portal is written in, chosen by the first path component (`/portal/en/…`).
enum PortalLanguage: String, CaseIterable, Sendable, Codable {
    case english = "en"
    case spanish = "es"

    /// The portal's words in this language.
    var strings: PortalStrings {
        switch self {
        case .english: .english
        case .spanish: .spanish
        }
    }

    /// The other language, for the switch in the header.
    var other: PortalLanguage { self == .english ? .spanish : .english }

    /// The language a browser asks for in `Accept-Language` (RFC 9110 §12.5.4), English when it names neither.
    ///
    /// Each range's primary subtag is compared (`es-MX` counts as `es`); the highest quality wins,
    /// the earlier range on a tie; `q=0` means "not this one".
    static func preferred(acceptLanguage header: String?) -> PortalLanguage {
        guard let header else { return .english }
        var best: (language: PortalLanguage, quality: Double)?
        for range in header.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard quality > 0, let language = PortalLanguage(rawValue: String(tag.split(separator: "-").first ?? "")) else { continue }
            if best == nil || quality > best!.quality { best = (language, quality) }
        }
        return best?.language ?? .english
    }
}
