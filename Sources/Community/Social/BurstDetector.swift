import Geo
import SafeCityCore

/// Finds bursts of public-safety posts: per (category, grid cell) it learns a usual rate for each
/// hour of the day and tests the count in a sliding window against it.
///
/// A cell begins to burst when, at a post's arrival, the window's count reaches `minimumCount` and
/// the Poisson upper-tail p-value of the window's other posts is below `alpha`; it clears when the
/// window's p-value, checked as time moves on, is back above `clearAlpha`. The count gives each
/// author (by hash) one post per window, so one account repeating itself is not a crowd.
/// Adjacent cells bursting in the same category form one signal (connected components over the
/// eight neighbours), which begins once and clears once.
///
/// Why a Poisson test and not Kleinberg's two-state automaton: the test's `alpha` is a stated
/// false-alarm probability per test that quiet data can be checked against, it runs online in
/// O(1) per post, and its expected count comes from a per-hour-of-day baseline, so the daily cycle
/// does not look like a burst. Kleinberg's automaton needs its rate ratio and transition cost
/// tuned by hand, has no false-alarm rate to state, and is at its best offline (Viterbi over the
/// whole stream), where a burst's start is only known after the fact.
///
/// - Note: Feed posts in time order. A post up to one window older than the newest is placed
///   where it belongs; an older one is counted in ``Statistics/latePosts`` and skipped.
public struct BurstDetector: Sendable {
    public let configuration: Configuration
    public let lexicon: TermLexicon
    public let gazetteer: PlaceGazetteer?
    public let grid: SocialGrid
    public private(set) var statistics = Statistics()

    private let windowMilliseconds: Int64
    private var streamIndex: [StreamKey: Int] = [:]
    private var streams: [Stream] = []
    private var bursting: Set<Int> = []
    private var clusters: [Int: Cluster] = [:]
    private var nextEpisode = 1
    private var startHour: Int64?
    private var clock: Timestamp?
    /// Every matched post of the last window, for ``Counting/recountFromScratch`` only.
    private var recent: [Entry] = []
    private var recentHead = 0

    /// A detector with the given settings, terms and places.
    public init(configuration: Configuration, lexicon: TermLexicon = .standard, gazetteer: PlaceGazetteer? = nil) throws(CommunityError) {
        try configuration.validate()
        self.configuration = configuration
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        grid = SocialGrid(origin: configuration.gridOrigin, cellSizeMetres: configuration.cellSizeMetres)
        windowMilliseconds = Int64(configuration.windowSeconds) * 1000
    }

    /// Where a post is counted: its geotag, else its place name, else the first place its text
    /// mentions (both through the gazetteer), else the city-wide cell.
    public func placement(of post: SocialPost) -> (cell: GridCell, location: GeoPoint?, place: String?, source: SocialEvidence.LocationSource) {
        placement(of: post, folded: nil)
    }

    /// Takes in one post; returns the signals it began, grew or cleared (clearing ones first).
    public mutating func observe(_ post: SocialPost) -> [SocialSignal] {
        statistics.posts += 1
        if let clock, post.time.millisecondsSince1970 <= clock.millisecondsSince1970 - windowMilliseconds {
            statistics.latePosts += 1
            return []
        }
        if startHour == nil { startHour = Self.hour(post.time) }
        var signals: [SocialSignal] = []
        let now = max(clock ?? post.time, post.time)
        advance(to: now, into: &signals)
        let folded = FoldedText(post.text)
        let categories = lexicon.categoryIndices(in: folded)
        guard !categories.isEmpty else { return signals }
        statistics.matchedPosts += 1
        let placed = placement(of: post, folded: folded)
        if placed.cell.isCityWide { statistics.unplacedPosts += 1 }
        for category in categories {
            let entry = Entry(post: post, location: placed.location, place: placed.place, source: placed.source,
                              stream: stream(StreamKey(category: Int32(category), cell: placed.cell)))
            record(entry, now: now, into: &signals)
        }
        return signals
    }

    /// Takes in a batch, oldest first whatever order it came in.
    public mutating func observe(contentsOf posts: [SocialPost]) -> [SocialSignal] {
        let ordered = posts.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        return ordered.flatMap { observe($0.element) }
    }

    /// Moves time on without a post, clearing bursts whose windows have gone quiet; call it on a timer.
    public mutating func advance(to time: Timestamp) -> [SocialSignal] {
        var signals: [SocialSignal] = []
        advance(to: time, into: &signals)
        return signals
    }

    // MARK: - Streams and windows

    private struct StreamKey: Hashable {
        var category: Int32
        var cell: GridCell
    }

    /// One matched post in one stream's window.
    private struct Entry {
        var post: SocialPost
        var location: GeoPoint?
        var place: String?
        var source: SocialEvidence.LocationSource
        var stream: Int
        var time: Int64 { post.time.millisecondsSince1970 }
    }

    /// A (category, cell) stream: its window, baseline and burst.
    private struct Stream {
        let key: StreamKey
        var window: [Entry] = []
        var head = 0
        /// Posts in the window by author hash, and posts without one.
        var authors: [String: Int] = [:]
        var anonymous = 0
        var baseline: HourlyBaseline
        var burst: CellBurst?
    }

    /// A bursting cell's episode and its strongest moment.
    private struct CellBurst {
        var episode: Int
        var peakCount: Int
        var expectedAtPeak: Double
        var smallestPValue: Double
    }

    private static func hour(_ time: Timestamp) -> Int64 {
        let ms = time.millisecondsSince1970
        return (ms >= 0 ? ms : ms - 3_599_999) / 3_600_000
    }

    private mutating func stream(_ key: StreamKey) -> Int {
        if let index = streamIndex[key] { return index }
        streams.append(Stream(key: key, baseline: HourlyBaseline(startHour: startHour!)))
        streamIndex[key] = streams.count - 1
        return streams.count - 1
    }

    private func placement(of post: SocialPost, folded: FoldedText?) -> (cell: GridCell, location: GeoPoint?, place: String?, source: SocialEvidence.LocationSource) {
        if let location = post.location { return (grid.cell(for: location), location, post.placeName, .geotag) }
        if let gazetteer {
            if let name = post.placeName, let found = gazetteer.place(named: name) {
                return (grid.cell(for: found.location), found.location, found.name, .placeName)
            }
            if let found = gazetteer.firstMention(in: folded ?? FoldedText(post.text)) {
                return (grid.cell(for: found.location), found.location, found.name, .textMention)
            }
        }
        return (.cityWide, nil, post.placeName, .none)
    }

    /// Drops entries that have left the window ending at `now` from one stream.
    private mutating func evict(_ index: Int, now: Int64) {
        let oldest = now - windowMilliseconds
        while streams[index].head < streams[index].window.count, streams[index].window[streams[index].head].time <= oldest {
            let leaving = streams[index].window[streams[index].head]
            if let author = leaving.post.authorHash {
                if streams[index].authors[author]! == 1 { streams[index].authors[author] = nil } else { streams[index].authors[author]! -= 1 }
            } else {
                streams[index].anonymous -= 1
            }
            streams[index].head += 1
        }
        if streams[index].head > 32, streams[index].head * 2 > streams[index].window.count {
            streams[index].window.removeFirst(streams[index].head)
            streams[index].head = 0
        }
    }

    private mutating func insert(_ entry: Entry) {
        if configuration.counting == .recountFromScratch {
            Self.insertInOrder(entry, into: &recent, from: recentHead)
            return
        }
        Self.insertInOrder(entry, into: &streams[entry.stream].window, from: streams[entry.stream].head)
        if let author = entry.post.authorHash {
            streams[entry.stream].authors[author, default: 0] += 1
        } else {
            streams[entry.stream].anonymous += 1
        }
    }

    private static func insertInOrder(_ entry: Entry, into list: inout [Entry], from head: Int) {
        list.append(entry)
        var position = list.count - 1
        while position > head, list[position - 1].time > entry.time {
            list.swapAt(position, position - 1)
            position -= 1
        }
    }

    /// The stream's window count at `now`, each author once when so configured.
    private mutating func count(_ index: Int, now: Int64) -> Int {
        if configuration.counting == .recountFromScratch {
            let oldest = now - windowMilliseconds
            var authors: Set<String> = []
            var total = 0
            for entry in recent[recentHead...] where entry.stream == index && entry.time > oldest {
                if configuration.countEachAuthorOncePerWindow, let author = entry.post.authorHash {
                    if authors.insert(author).inserted { total += 1 }
                } else {
                    total += 1
                }
            }
            return total
        }
        evict(index, now: now)
        let stream = streams[index]
        if configuration.countEachAuthorOncePerWindow { return stream.anonymous + stream.authors.count }
        return stream.window.count - stream.head
    }

    /// The stream's posts in the window ending at `now`, oldest first.
    private func windowEntries(_ index: Int, now: Int64) -> [Entry] {
        let oldest = now - windowMilliseconds
        if configuration.counting == .recountFromScratch {
            return recent[recentHead...].filter { $0.stream == index && $0.time > oldest }
        }
        return streams[index].window[streams[index].head...].filter { $0.time > oldest }
    }

    private mutating func expectedCount(_ index: Int, now: Timestamp) -> Double {
        streams[index].baseline.advance(toHour: Self.hour(now), retention: configuration.baselineRetentionPerDay)
        let perHour = streams[index].baseline.postsPerHour(
            nowMilliseconds: now.millisecondsSince1970, priorPostsPerHour: configuration.priorPostsPerHour,
            priorHours: configuration.priorHours)
        return perHour * Double(configuration.windowSeconds) / 3600
    }

    // MARK: - Testing and clearing

    private mutating func record(_ entry: Entry, now: Timestamp, into signals: inout [SocialSignal]) {
        let index = entry.stream
        let nowMs = now.millisecondsSince1970
        streams[index].baseline.advance(toHour: Self.hour(now), retention: configuration.baselineRetentionPerDay)
        let before = count(index, now: nowMs)
        insert(entry)
        let count = count(index, now: nowMs)
        let expected = expectedCount(index, now: now)
        // Tested at the moment a post arrives, the window holds that post for certain; under the
        // baseline the others are Poisson(expected) (Palm's theorem), so only they are tested.
        // Testing the full count instead would fire far more often than `alpha` on quiet data.
        let pValue = PoissonTail.probability(atLeast: count - (count > before ? 1 : 0), mean: expected)
        statistics.tests += 1
        if var burst = streams[index].burst {
            if count > burst.peakCount {
                burst.peakCount = count
                burst.expectedAtPeak = expected
            }
            burst.smallestPValue = min(burst.smallestPValue, pValue)
            streams[index].burst = burst
            clusters[burst.episode]!.add(entry, cell: streams[index].key.cell, peak: burst, stream: index, limit: configuration.evidenceLimit)
        } else if count >= configuration.minimumCount && pValue < configuration.alpha {
            begin(index, burst: CellBurst(episode: 0, peakCount: count, expectedAtPeak: expected, smallestPValue: pValue),
                  now: now, into: &signals)
        } else if count > before {
            // Only quiet-time posts teach the baseline, so that an event does not raise its own bar.
            streams[index].baseline.currentCount += 1
        }
    }

    private mutating func begin(_ index: Int, burst: CellBurst, now: Timestamp, into signals: inout [SocialSignal]) {
        statistics.cellBursts += 1
        let key = streams[index].key
        var neighbours: Set<Int> = []
        if !key.cell.isCityWide {
            for dRow: Int32 in -1...1 {
                for dColumn: Int32 in -1...1 where dRow != 0 || dColumn != 0 {
                    let (row, rowOverflow) = key.cell.row.addingReportingOverflow(dRow)
                    let (column, columnOverflow) = key.cell.column.addingReportingOverflow(dColumn)
                    guard !rowOverflow, !columnOverflow else { continue }
                    let neighbour = StreamKey(category: key.category, cell: GridCell(row: row, column: column))
                    if let other = streamIndex[neighbour], let episode = streams[other].burst?.episode { neighbours.insert(episode) }
                }
            }
        }
        var burst = burst
        let evidence = windowEntries(index, now: now.millisecondsSince1970)
        guard let target = neighbours.min() else {
            burst.episode = nextEpisode
            nextEpisode += 1
            statistics.episodes += 1
            streams[index].burst = burst
            bursting.insert(index)
            var cluster = Cluster(episode: burst.episode, category: lexicon.categories[Int(key.category)], startedAt: now)
            for entry in evidence { cluster.add(entry, cell: key.cell, peak: burst, stream: index, limit: configuration.evidenceLimit) }
            clusters[burst.episode] = cluster
            signals.append(cluster.signal(.began, time: now, grid: grid))
            return
        }
        burst.episode = target
        streams[index].burst = burst
        bursting.insert(index)
        for entry in evidence { clusters[target]!.add(entry, cell: key.cell, peak: burst, stream: index, limit: configuration.evidenceLimit) }
        for absorbed in neighbours.sorted() where absorbed != target {
            let other = clusters.removeValue(forKey: absorbed)!
            for stream in other.activeStreams { streams[stream].burst!.episode = target }
            clusters[target]!.absorb(other, limit: configuration.evidenceLimit)
            var closing = other.signal(.cleared, time: now, grid: grid)
            closing.mergedInto = target
            signals.append(closing)
        }
        signals.append(clusters[target]!.signal(.grew, time: now, grid: grid))
    }

    private mutating func advance(to time: Timestamp, into signals: inout [SocialSignal]) {
        if let clock, time <= clock { return }
        clock = time
        let now = time.millisecondsSince1970
        if configuration.counting == .recountFromScratch {
            while recentHead < recent.count, recent[recentHead].time <= now - windowMilliseconds { recentHead += 1 }
            if recentHead > 1024, recentHead * 2 > recent.count {
                recent.removeFirst(recentHead)
                recentHead = 0
            }
        }
        guard !bursting.isEmpty else { return }
        for index in bursting.sorted() {
            let count = count(index, now: now)
            let pValue = PoissonTail.probability(atLeast: count, mean: expectedCount(index, now: time))
            guard pValue >= configuration.clearAlpha else { continue }
            let episode = streams[index].burst!.episode
            streams[index].burst = nil
            bursting.remove(index)
            clusters[episode]!.activeStreams.remove(index)
            if clusters[episode]!.activeStreams.isEmpty {
                signals.append(clusters.removeValue(forKey: episode)!.signal(.cleared, time: time, grid: grid))
            }
        }
    }

    // MARK: - Clusters

    /// Connected bursting cells of one category: one signal.
    private struct Cluster {
        let episode: Int
        let category: String
        let startedAt: Timestamp
        var activeStreams: Set<Int> = []
        var cells: Set<GridCell> = []
        /// Each member cell's strongest moment, by stream.
        var peaks: [Int: CellBurst] = [:]
        var evidence: [SocialEvidence] = []
        var evidencePosts = 0
        var latitudeSum = 0.0, longitudeSum = 0.0, located = 0

        init(episode: Int, category: String, startedAt: Timestamp) {
            self.episode = episode
            self.category = category
            self.startedAt = startedAt
        }

        mutating func add(_ entry: Entry, cell: GridCell, peak: CellBurst, stream: Int, limit: Int) {
            activeStreams.insert(stream)
            cells.insert(cell)
            peaks[stream] = peak
            evidencePosts += 1
            if evidence.count < limit {
                evidence.append(SocialEvidence(post: entry.post, location: entry.location, place: entry.place, source: entry.source))
            }
            if let location = entry.location {
                latitudeSum += location.latitude
                longitudeSum += location.longitude
                located += 1
            }
        }

        mutating func absorb(_ other: Cluster, limit: Int) {
            activeStreams.formUnion(other.activeStreams)
            cells.formUnion(other.cells)
            peaks.merge(other.peaks) { mine, _ in mine }
            evidence = Array((evidence + other.evidence).sorted { ($0.time, $0.postID) < ($1.time, $1.postID) }.prefix(limit))
            evidencePosts += other.evidencePosts
            latitudeSum += other.latitudeSum
            longitudeSum += other.longitudeSum
            located += other.located
        }

        func signal(_ phase: SocialSignal.Phase, time: Timestamp, grid: SocialGrid) -> SocialSignal {
            let sortedCells = cells.sorted()
            var extent: BoundingBox?
            for cell in sortedCells {
                guard let bounds = grid.bounds(of: cell) else { continue }
                if extent == nil { extent = bounds } else {
                    extent!.extend(with: GeoPoint(latitude: bounds.minLatitude, longitude: bounds.minLongitude))
                    extent!.extend(with: GeoPoint(latitude: bounds.maxLatitude, longitude: bounds.maxLongitude))
                }
            }
            var centroid: GeoPoint?
            if located > 0 {
                centroid = GeoPoint(latitude: latitudeSum / Double(located), longitude: longitudeSum / Double(located))
            } else {
                let centres = sortedCells.compactMap { grid.centre(of: $0) }
                if !centres.isEmpty {
                    centroid = GeoPoint(latitude: centres.map(\.latitude).reduce(0, +) / Double(centres.count),
                                        longitude: centres.map(\.longitude).reduce(0, +) / Double(centres.count))
                }
            }
            let orderedPeaks = peaks.sorted { $0.key < $1.key }.map(\.value)
            // A cell that joins brings posts older than those already kept: show them in time order.
            let ordered = evidence.sorted { ($0.time, $0.postID) < ($1.time, $1.postID) }
            return SocialSignal(
                episode: episode, phase: phase, category: category, cells: sortedCells, centroid: centroid, extent: extent,
                startedAt: startedAt, time: time, observedCount: orderedPeaks.reduce(0) { $0 + $1.peakCount },
                expectedCount: orderedPeaks.reduce(0) { $0 + $1.expectedAtPeak },
                pValue: orderedPeaks.map(\.smallestPValue).min() ?? 1, evidence: ordered, evidencePosts: evidencePosts,
                mergedInto: nil)
        }
    }
}
