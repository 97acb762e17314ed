/// One SMTP reply (RFC 5321 §4.2): a three-digit code and the text of its lines.
public struct SMTPReply: Hashable, Sendable, CustomStringConvertible {
    public var code: Int
    /// The text after the code on each line (one line unless the reply was multi-line).
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2yz: the command was done.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 3yz: send more (the DATA body, an AUTH answer).
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// 4yz: not done now; try again later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5yz: not done, and it will not be.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// The EHLO keywords (the first word of each line after the greeting line), upper-cased.
    public var extensions: [String: [String]] {
        var out: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            out[keyword.uppercased()] = words.dropFirst().map { $0.uppercased() }
        }
        return out
    }

    public var description: String { "\(code) \(lines.joined(separator: " / "))" }
}
