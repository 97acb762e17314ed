/// Minimum-cost assignment of rows to columns (the Hungarian method, in its shortest-augmenting-path form).
///
/// Trackers and the CLEAR-MOT scorer both match boxes to boxes through this type. Pairs that are
/// not allowed (too little overlap) are left out of the sparse form; the solver then maximises the
/// number of matched pairs first and minimises their total cost second, which is what scipy's
/// `linear_sum_assignment` gives when forbidden pairs carry a prohibitive cost.
public enum LinearAssignment {
    /// An allowed pairing and its cost.
    public struct Edge: Hashable, Sendable {
        /// Row index.
        public var row: Int
        /// Column index.
        public var column: Int
        /// Cost of pairing them; lower is better.
        public var cost: Double

        /// Creates an edge.
        public init(row: Int, column: Int, cost: Double) {
            self.row = row
            self.column = column
            self.cost = cost
        }
    }

    /// Solves a dense problem; `costs` is row-major `rows × columns`. Returns each row's column, or nil.
    public static func minimumCost(costs: [Double], rows: Int, columns: Int) -> [Int?] {
        precondition(costs.count == rows * columns, "cost matrix must be rows × columns")
        if rows == 0 || columns == 0 { return Array(repeating: nil, count: rows) }
        if rows <= columns {
            return solveWide(rows: rows, columns: columns) { costs[$0 * columns + $1] }
        }
        let byColumn = solveWide(rows: columns, columns: rows) { costs[$1 * columns + $0] }
        var result = [Int?](repeating: nil, count: rows)
        for (column, row) in byColumn.enumerated() { if let row { result[row] = column } }
        return result
    }

    /// Solves a sparse problem: only listed edges may be used. Returns the matched (row, column) pairs.
    ///
    /// The edges are split into connected components, each solved on its own, so a crowded frame
    /// of many small clusters costs far less than one big dense matrix.
    public static func sparse(rows: Int, columns: Int, edges: [Edge]) -> [(row: Int, column: Int)] {
        if edges.isEmpty { return [] }
        var parent = Array(0..<(rows + columns))
        func find(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        for edge in edges {
            let a = find(edge.row), b = find(rows + edge.column)
            if a != b { parent[a] = b }
        }
        var componentOfRoot: [Int: Int] = [:]
        var componentEdges: [[Edge]] = []
        for edge in edges {
            let root = find(edge.row)
            let index = componentOfRoot[root] ?? {
                componentOfRoot[root] = componentEdges.count
                componentEdges.append([])
                return componentEdges.count - 1
            }()
            componentEdges[index].append(edge)
        }
        var pairs: [(row: Int, column: Int)] = []
        for group in componentEdges {
            if group.count == 1 {
                pairs.append((group[0].row, group[0].column))
                continue
            }
            pairs.append(contentsOf: solveComponent(group))
        }
        return pairs
    }

    private static func solveComponent(_ edges: [Edge]) -> [(row: Int, column: Int)] {
        var localRow: [Int: Int] = [:], localColumn: [Int: Int] = [:]
        var rowIds: [Int] = [], columnIds: [Int] = []
        for edge in edges {
            if localRow[edge.row] == nil { localRow[edge.row] = rowIds.count; rowIds.append(edge.row) }
            if localColumn[edge.column] == nil { localColumn[edge.column] = columnIds.count; columnIds.append(edge.column) }
        }
        // A forbidden pair costs more than any set of allowed pairs together, so fewer forbidden
        // pairs always wins: matches are maximised before cost is minimised.
        let allowedTotal = edges.reduce(0) { $0 + abs($1.cost) }
        let forbidden = 2 * allowedTotal + 1
        var costs = [Double](repeating: forbidden, count: rowIds.count * columnIds.count)
        var allowed = [Bool](repeating: false, count: costs.count)
        for edge in edges {
            let index = localRow[edge.row]! * columnIds.count + localColumn[edge.column]!
            if !allowed[index] || edge.cost < costs[index] { costs[index] = edge.cost }
            allowed[index] = true
        }
        let assignment = minimumCost(costs: costs, rows: rowIds.count, columns: columnIds.count)
        var pairs: [(row: Int, column: Int)] = []
        for (row, column) in assignment.enumerated() {
            guard let column, allowed[row * columnIds.count + column] else { continue }
            pairs.append((rowIds[row], columnIds[column]))
        }
        return pairs
    }

    /// Shortest augmenting paths with row and column potentials; requires rows ≤ columns.
    private static func solveWide(rows: Int, columns: Int, cost: (Int, Int) -> Double) -> [Int?] {
        // 1-based arrays with a sentinel column 0, as the textbook form of the algorithm keeps them.
        var rowPotential = [Double](repeating: 0, count: rows + 1)
        var columnPotential = [Double](repeating: 0, count: columns + 1)
        var rowOfColumn = [Int](repeating: 0, count: columns + 1)
        var previousColumn = [Int](repeating: 0, count: columns + 1)
        var slack = [Double](repeating: 0, count: columns + 1)
        var visited = [Bool](repeating: false, count: columns + 1)
        for row in 1...rows {
            rowOfColumn[0] = row
            var column = 0
            for j in 0...columns {
                slack[j] = .infinity
                visited[j] = false
            }
            repeat {
                visited[column] = true
                let currentRow = rowOfColumn[column]
                var delta = Double.infinity
                var nextColumn = 0
                for j in 1...columns where !visited[j] {
                    let reduced = cost(currentRow - 1, j - 1) - rowPotential[currentRow] - columnPotential[j]
                    if reduced < slack[j] {
                        slack[j] = reduced
                        previousColumn[j] = column
                    }
                    if slack[j] < delta {
                        delta = slack[j]
                        nextColumn = j
                    }
                }
                for j in 0...columns {
                    if visited[j] {
                        rowPotential[rowOfColumn[j]] += delta
                        columnPotential[j] -= delta
                    } else {
                        slack[j] -= delta
                    }
                }
                column = nextColumn
            } while rowOfColumn[column] != 0
            repeat {
                let previous = previousColumn[column]
                rowOfColumn[column] = rowOfColumn[previous]
                column = previous
            } while column != 0
        }
        var result = [Int?](repeating: nil, count: rows)
        for j in 1...columns where rowOfColumn[j] != 0 { result[rowOfColumn[j] - 1] = j - 1 }
        return result
    }
}
