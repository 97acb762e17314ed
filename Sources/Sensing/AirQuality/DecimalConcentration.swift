/// A non-negative concentration held as an exact decimal: `mantissa × 10^−scale`.
///
/// EPA's Technical Assistance Document for the Reporting of Daily Air Quality (EPA-454/B-24-002,
/// May 2024, "Calculating the AQI") truncates each concentration to a fixed number of decimal places
/// before the breakpoint lookup. Binary floating point cannot do that reliably (`9.1` is stored as
/// 9.0999…, which would truncate to 9.0 and move the AQI from 51 to 50), so concentrations are parsed
/// from their decimal text into an integer mantissa and a decimal scale, and truncation and lookup
/// happen on integers.
///
/// - Note: Negative values are refused when parsing: a concentration below zero has no AQI.
public struct DecimalConcentration: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The digits of the value; the value is `mantissa × 10^−scale`.
    public let mantissa: Int64
    /// How many of the mantissa's digits are after the decimal point (0…18).
    public let scale: Int

    /// The largest scale kept; more decimal places than this cannot be held exactly in 64 bits.
    public static let maximumScale = 18

    /// Creates a value from its mantissa and scale, e.g. `(91, 1)` for 9.1.
    public init(mantissa: Int64, scale: Int) {
        precondition(mantissa >= 0, "a concentration is never negative")
        precondition((0...Self.maximumScale).contains(scale), "scale must be 0…18")
        self.mantissa = mantissa
        self.scale = scale
    }

    /// Parses decimal text such as `9.1`, `0.078`, `12`, `.5` or `1e-05`.
    ///
    /// - Throws: ``AQIError/notANumber(_:)`` for anything that is not a decimal number,
    ///   ``AQIError/negative(_:)`` for a value below zero, ``AQIError/tooPrecise(_:)`` when the
    ///   digits do not fit in 64 bits.
    public init(parsing text: some StringProtocol) throws(AQIError) {
        let raw = String(text)
        var chars = Substring(raw.trimmingSpaces)
        guard !chars.isEmpty else { throw .notANumber(raw) }
        if chars.first == "+" { chars = chars.dropFirst() } else if chars.first == "-" {
            let magnitude: DecimalConcentration
            do { magnitude = try DecimalConcentration(parsing: chars.dropFirst()) } catch { throw .notANumber(raw) }
            // "-0.0" (a negative zero's description) is zero; anything else below zero has no AQI.
            guard magnitude.mantissa == 0 else { throw .negative(raw) }
            self = magnitude
            return
        }
        var exponent = 0
        if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(chars[chars.index(after: e)...]), abs(value) <= 40 else { throw .notANumber(raw) }
            exponent = value
            chars = chars[..<e]
        }
        var mantissa: Int64 = 0
        var scale = 0
        var seenPoint = false
        var digits = 0
        for c in chars {
            if c == "." {
                guard !seenPoint else { throw .notANumber(raw) }
                seenPoint = true
                continue
            }
            guard let d = c.wholeNumberValue, c.isASCII else { throw .notANumber(raw) }
            digits += 1
            let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { throw .tooPrecise(raw) }
            mantissa = sum
            if seenPoint { scale += 1 }
        }
        guard digits > 0 else { throw .notANumber(raw) }
        scale -= exponent
        while scale < 0 {
            let (times10, overflow) = mantissa.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw .tooPrecise(raw) }
            mantissa = times10
            scale += 1
        }
        // Trailing zeros beyond the maximum scale carry no information; anything else is too precise.
        while scale > Self.maximumScale {
            guard mantissa % 10 == 0 else { throw .tooPrecise(raw) }
            mantissa /= 10
            scale -= 1
        }
        self.init(mantissa: mantissa, scale: scale)
    }

    /// Converts a live sensor reading through its shortest decimal representation.
    ///
    /// `String(describing: 9.1)` is `"9.1"`, the shortest text that reads back as the same Double, so
    /// a reading that was 9.1 on the sensor stays 9.1 here instead of becoming 9.0999… .
    /// - Throws: ``AQIError/notANumber(_:)`` for NaN or infinity, ``AQIError/negative(_:)`` below zero.
    public init(_ value: Double) throws(AQIError) {
        guard value.isFinite else { throw .notANumber(String(describing: value)) }
        try self.init(parsing: String(describing: value))
    }

    /// Zero at scale 0.
    public static let zero = DecimalConcentration(mantissa: 0, scale: 0)

    /// The nearest Double, for display and for NowCast weighting.
    public var doubleValue: Double {
        Double(mantissa) / pow10Double(scale)
    }

    /// This value cut (never rounded) to `places` decimal places, as EPA truncates.
    public func truncated(toScale places: Int) -> DecimalConcentration {
        precondition((0...Self.maximumScale).contains(places))
        if places >= scale {
            // Adding zeros cannot overflow for the table scales (≤ 3) and sane concentrations.
            if let m = mantissa.scaledUp(by: places - scale) { return DecimalConcentration(mantissa: m, scale: places) }
            return self
        }
        return DecimalConcentration(mantissa: mantissa / pow10Int(scale - places), scale: places)
    }

    /// The value with the decimal point moved `places` to the left, e.g. ppb to ppm with 3.
    ///
    /// Exact: only the scale changes (or the mantissa loses trailing zeros beyond the maximum scale).
    public func movingDecimalPointLeft(_ places: Int) throws(AQIError) -> DecimalConcentration {
        var m = mantissa
        var s = scale + places
        while s > Self.maximumScale {
            guard m % 10 == 0 else { throw .tooPrecise(description) }
            m /= 10
            s -= 1
        }
        return DecimalConcentration(mantissa: m, scale: s)
    }

    /// The mantissa at a larger or equal scale, nil on overflow.
    public func mantissa(atScale target: Int) -> Int64? {
        if target >= scale { return mantissa.scaledUp(by: target - scale) }
        return mantissa % pow10Int(scale - target) == 0 ? mantissa / pow10Int(scale - target) : nil
    }

    /// Decimal text with exactly `scale` places, e.g. `9.0`, `0.078`, `54`.
    public var description: String {
        guard scale > 0 else { return String(mantissa) }
        var digits = String(mantissa)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -scale)
        return digits[..<point] + "." + digits[point...]
    }

    public static func < (lhs: DecimalConcentration, rhs: DecimalConcentration) -> Bool {
        let common = max(lhs.scale, rhs.scale)
        if let a = lhs.mantissa(atScale: common), let b = rhs.mantissa(atScale: common) { return a < b }
        return lhs.doubleValue < rhs.doubleValue
    }

    /// Equal values compare equal whatever their scale (9.0 == 9.00).
    public static func == (lhs: DecimalConcentration, rhs: DecimalConcentration) -> Bool {
        let common = max(lhs.scale, rhs.scale)
        if let a = lhs.mantissa(atScale: common), let b = rhs.mantissa(atScale: common) { return a == b }
        return false
    }

    public func hash(into hasher: inout Hasher) {
        var m = mantissa
        var s = scale
        while s > 0, m % 10 == 0 { m /= 10; s -= 1 }
        hasher.combine(m)
        hasher.combine(s)
    }
}

extension Int64 {
    /// `self × 10^places`, nil on overflow.
    func scaledUp(by places: Int) -> Int64? {
        var m = self
        for _ in 0..<places {
            let (r, o) = m.multipliedReportingOverflow(by: 10)
            if o { return nil }
            m = r
        }
        return m
    }
}

func pow10Int(_ n: Int) -> Int64 {
    var r: Int64 = 1
    for _ in 0..<n { r *= 10 }
    return r
}

func pow10Double(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<n { r *= 10 }
    return r
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s = s.dropLast() }
        return s
    }
}
