/// A phone number in ITU-T E.164 form, `+` then 8 to 15 digits (country code first), as SMS gateways take it.
public struct E164Number: Hashable, Sendable, CustomStringConvertible {
    /// `+` and the digits, e.g. `+37793150000`.
    public let text: String

    /// Normalises a number as a reporter typed it (spaces, dashes, dots, brackets allowed): `+CC…` or `00CC…` as is;
    /// a national number gets `defaultCountryCode` (digits only, e.g. `377`) with its trunk `0` dropped.
    /// Throws a reason when the number cannot be put in E.164 form.
    public init(_ typed: String, defaultCountryCode: String?) throws(CommunityError) {
        var digits = ""
        var plus = false
        for (index, character) in typed.enumerated() {
            if character.isASCII, character.isNumber { digits.append(character) } else if character == "+", index == 0 || typed.prefix(index).allSatisfy(\.isWhitespace), digits.isEmpty {
                plus = true
            } else if !" -.()/".contains(character) {
                throw .invalidField(field: "phone", reason: "may hold only digits, spaces, + - ( ) . /")
            }
        }
        if !plus, digits.hasPrefix("00") {
            digits.removeFirst(2)
            plus = true
        }
        if !plus {
            guard let country = defaultCountryCode, !country.isEmpty, country.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw .invalidField(field: "phone", reason: "a national number needs a country code (+CC…), and none is configured")
            }
            if digits.hasPrefix("0") { digits.removeFirst() }
            digits = country + digits
        }
        guard (8...15).contains(digits.count) else {
            throw .invalidField(field: "phone", reason: "E.164 numbers have 8 to 15 digits with the country code, got \(digits.count)")
        }
        guard digits.first != "0" else { throw .invalidField(field: "phone", reason: "a country code does not start with 0") }
        text = "+" + digits
    }

    public var description: String { text }
}
