import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process for tests, run without blocking a cooperative thread and without dispatch read sources.
///
/// Its standard output and error are drained by two threads of their own with plain blocking reads, and its exit
/// is awaited through the termination handler. Both choices are deliberate:
/// - `waitUntilExit` spins a run loop on the calling thread, and a parallel run has as few cooperative threads as
///   cores, which every other test needs;
/// - `FileHandle.readabilityHandler` watches the pipe with a dispatch source, and clearing it races with the pipe
///   being closed, which crashed the whole test process in libdispatch's event loop.
public final class ChildProcess: @unchecked Sendable {
    /// What a finished child left.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    private let process = Process()
    private let lock = NSLock()
    private var stdoutData = Data()
    private var stderrData = Data()
    private var exitStatus: Int32?
    private var drainsLeft = 2
    private enum Output { case stdout, stderr }
    private var waiters: [CheckedContinuation<Int32, Never>] = []

    /// Starts `executable` with `arguments`; `environment` entries are added to this process's environment.
    /// `discardingStderr` sends the child's standard error to /dev/null instead of collecting it.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], discardingStderr: Bool = false) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = discardingStderr ? FileHandle.nullDevice : err
        // Held strongly until the child exits: a test that drops its handle early must not crash the handler.
        process.terminationHandler = { process in self.finished(drained: nil, status: process.terminationStatus) }
        try process.run()
        drain(out.fileHandleForReading, into: .stdout)
        if discardingStderr { finished(drained: .stderr, status: nil) } else { drain(err.fileHandleForReading, into: .stderr) }
    }

    /// Runs a child to its end and returns its status and output.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        let child = try ChildProcess(executable, arguments, environment: environment)
        let status = await child.exit()
        return Result(status: status, stdout: child.stdout, stderr: child.stderr)
    }

    /// The child's process id.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// What the child has written to standard output so far.
    public var stdout: String { lock.withLock { String(decoding: stdoutData, as: UTF8.self) } }

    /// What the child has written to standard error so far.
    public var stderr: String { lock.withLock { String(decoding: stderrData, as: UTF8.self) } }

    /// Sends `signal` to the child if it is still running.
    public func signal(_ signal: Int32) {
        if lock.withLock({ exitStatus == nil }) { kill(process.processIdentifier, signal) }
    }

    /// Waits for the child to exit and for its output to be read to the end; returns its exit status.
    public func exit() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status: Int32? = lock.withLock {
                if let exitStatus, drainsLeft == 0 { return exitStatus }
                waiters.append(continuation)
                return nil
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    private func drain(_ handle: FileHandle, into output: Output) {
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { output == .stdout ? stdoutData.append(chunk) : stderrData.append(chunk) }
            }
            finished(drained: output, status: nil)
        }
        thread.start()
    }

    /// Records a drained pipe or the exit status, and wakes the waiters once both pipes and the exit are in.
    private func finished(drained: Output?, status: Int32?) {
        let ready: (Int32, [CheckedContinuation<Int32, Never>])? = lock.withLock {
            if drained != nil { drainsLeft -= 1 }
            if let status { exitStatus = status }
            guard let exitStatus, drainsLeft == 0 else { return nil }
            defer { waiters = [] }
            return (exitStatus, waiters)
        }
        if let (status, woken) = ready { woken.forEach { $0.resume(returning: status) } }
    }
}
