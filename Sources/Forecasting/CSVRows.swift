/// Splits CSV text into rows of fields (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes).
struct CSVRows {
    /// One record and the 1-based line where it starts.
    struct Row {
        var line: Int
        var fields: [String]
    }

    /// Every non-blank record of `text`, in order.
    static func parse(_ text: String, delimiter: Character) -> [Row] {
        let separator = delimiter.asciiValue ?? UInt8(ascii: ",")
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var rowStartLine = 1
        var fieldWasQuoted = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRow() {
            endField()
            let blank = fields.count == 1 && fields[0].allSatisfy(\.isWhitespace)
            if !blank { rows.append(Row(line: rowStartLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == lf { line += 1 }
                    field.append(byte)
                }
            } else if byte == quote && field.isEmpty && !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
            } else if byte == separator {
                endField()
            } else if byte == lf || byte == cr {
                if byte == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
                endRow()
                line += 1
                rowStartLine = line
            } else {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRow() }
        return rows
    }
}
