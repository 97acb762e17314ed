/// The webhook bodies of one alert for many subscriptions: each info block's body is encoded once and
/// completed per subscription by splicing in its id, byte for byte what ``WebhookPayload/bytes`` gives.
///
/// - Note: An alert reaching ten thousand subscribers would otherwise run the JSON encoder ten thousand
///   times over the same texts, a tenth of a second before the first webhook could leave.
public struct WebhookBodies: Sendable {
    private let alert: CAPAlert
    private let capURL: String
    /// Per info block (by index, `-1` for an alert without one): the encoded body cut where the subscription id goes.
    private var templates: [Int: [[UInt8]]] = [:]

    public init(alert: CAPAlert, capURL: String) {
        self.alert = alert
        self.capURL = capURL
    }

    /// The exact bytes to send to `subscription`.
    public mutating func body(for subscription: Subscription) -> [UInt8] {
        let info = WebhookPayload.info(of: alert, for: subscription.languages)
        let index = info.flatMap { chosen in alert.infos.firstIndex { $0 == chosen } } ?? -1
        let pieces = templates[index] ?? template(info: info)
        templates[index] = pieces
        guard pieces.count > 1 else {
            return WebhookPayload(alert: alert, info: info, subscriptionID: subscription.id, capURL: capURL).bytes
        }
        let id = Self.escaped(subscription.id)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.count } + id.count * (pieces.count - 1))
        for (i, piece) in pieces.enumerated() {
            if i > 0 { bytes += id }
            bytes += piece
        }
        return bytes
    }

    /// Private-use characters the encoder passes through unescaped, so the marker survives encoding as written.
    static let marker = Array("\u{E000}safecity-subscription\u{E000}".utf8)

    /// The body encoded with the marker as subscription id, cut at each marker; a single piece (no splicing)
    /// when the alert's own text contains the marker and the cut would be ambiguous.
    private func template(info: CAPInfo?) -> [[UInt8]] {
        let encoded = WebhookPayload(alert: alert, info: info, subscriptionID: String(decoding: Self.marker, as: UTF8.self), capURL: capURL).bytes
        var pieces: [[UInt8]] = []
        var start = 0, i = 0
        while i + Self.marker.count <= encoded.count {
            if encoded[i] == Self.marker[0], encoded[i..<(i + Self.marker.count)].elementsEqual(Self.marker) {
                pieces.append(Array(encoded[start..<i]))
                i += Self.marker.count
                start = i
            } else {
                i += 1
            }
        }
        pieces.append(Array(encoded[start...]))
        // The id appears twice: on its own and in the idempotency key.
        return pieces.count == 3 ? pieces : [encoded]
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `text` as it appears inside a JSON string.
    static func escaped(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case 0..<0x20: out += Array("\\u00".utf8) + [Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        return out
    }
}
