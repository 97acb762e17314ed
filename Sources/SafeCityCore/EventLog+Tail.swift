/// What a live tail yields: a committed record, or a sign that nothing happened for a while.
public enum TailItem: Sendable {
    case record(EventRecord)
    /// Nothing new within the idle interval; lets stream writers send keep-alives.
    case idle
    /// A tail filtered by type has looked through the log up to this sequence number (there may have
    /// been no record of its types), so its reader can tell how current it is.
    case progress(Int64)
}

extension EventLog {
    /// Every record after `sequence`, then each new one as it is committed, in order,
    /// without gaps or repeats, until the consumer stops iterating.
    ///
    /// - Parameters:
    ///   - pageSize: records read per query while catching up.
    ///   - idleInterval: how long without records before an ``TailItem/idle`` is yielded;
    ///     also bounds how late a record written by another process is seen.
    ///   - types: when given, only records of these types, with ``TailItem/progress(_:)`` after each page.
    public func tail(after sequence: Int64, pageSize: Int = 500, idleInterval: Duration = .seconds(15),
                     types: Set<EventType>? = nil) -> AsyncThrowingStream<TailItem, Error>
    {
        let (stream, continuation) = AsyncThrowingStream<TailItem, Error>.makeStream(bufferingPolicy: .bufferingOldest(pageSize))
        let task = Task {
            var cursor = sequence
            do {
                while !Task.isCancelled {
                    let page = try await page(after: cursor, limit: pageSize, types: types)
                    for record in page.records {
                        await Self.deliver(.record(record), to: continuation)
                        cursor = record.sequence
                    }
                    if types != nil, page.scannedThrough > cursor {  // unfiltered pages end at their last record
                        cursor = page.scannedThrough
                        await Self.deliver(.progress(cursor), to: continuation)
                    }
                    if page.records.count == pageSize { continue }
                    if await headSignal.isClosed { break }
                    let before = await headSignal.current
                    if before > cursor { continue }
                    let head = await headSignal.wait(beyond: cursor, timeout: idleInterval)
                    if head <= cursor, !Task.isCancelled {
                        // Another process may have appended; re-read before declaring idle.
                        if try await lastSequence() <= cursor {
                            await Self.deliver(.idle, to: continuation)
                        }
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Yields without dropping: waits while the consumer's buffer is full.
    private static func deliver(
        _ item: TailItem, to continuation: AsyncThrowingStream<TailItem, Error>.Continuation
    ) async {
        while true {
            switch continuation.yield(item) {
            case .enqueued, .terminated: return
            case .dropped:
                try? await Task.sleep(for: .milliseconds(2))
            @unknown default: return
            }
        }
    }
}
