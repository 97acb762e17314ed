import Foundation

/// A progress bar on standard error, drawn only when it is a terminal.
final class ProgressReporter: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private var lastDrawn = ContinuousClock.now
    private let interactive = isatty(STDERR_FILENO) == 1

    init(label: String) { self.label = label }

    func update(done: Int64, total: Int64) {
        guard interactive else { return }
        lock.lock()
        defer { lock.unlock() }
        guard ContinuousClock.now - lastDrawn > .milliseconds(100) || done == total else { return }
        lastDrawn = ContinuousClock.now
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(Int(fraction * 100))% (\(done)/\(total))".utf8))
    }

    func message(_ text: String) {
        FileHandle.standardError.write(Data("\(label): \(text)\n".utf8))
    }

    func finish() {
        guard interactive else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

/// Writes a line to standard output at once, even when it is a pipe or a file.
func printNow(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
