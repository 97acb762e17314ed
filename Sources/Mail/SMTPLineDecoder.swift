import NIOCore

/// Splits the server's bytes into lines (CRLF or bare LF), refusing a line longer than the reply parser takes.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > SMTPReplyParser.maximumLineLength { throw MailError.transient("SMTP reply line longer than \(SMTPReplyParser.maximumLineLength) bytes") }
            return .needMoreData
        }
        let length = newline - view.startIndex
        var line = buffer.readBytes(length: length) ?? []
        buffer.moveReaderIndex(forwardBy: 1)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        context.fireChannelRead(Self.wrapInboundOut(String(decoding: line, as: UTF8.self)))
        return .continue
    }
}
