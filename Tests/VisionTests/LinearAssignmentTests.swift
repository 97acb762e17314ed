import SafeCityCore
import Testing
@testable import Vision

@Suite struct LinearAssignmentTests {
    /// Brute force over every permutation: the reference for small matrices.
    private func bruteForceCost(_ costs: [Double], rows: Int, columns: Int) -> Double {
        func best(_ row: Int, _ used: Set<Int>) -> Double {
            if row == rows { return 0 }
            var result = Double.infinity
            for column in 0..<columns where !used.contains(column) {
                result = min(result, costs[row * columns + column] + best(row + 1, used.union([column])))
            }
            return result
        }
        return best(0, [])
    }

    @Test func matchesBruteForceOnRandomSquareAndTallMatrices() {
        var generator = SplitMix64(seed: 7)
        for trial in 0..<200 {
            let rows = 1 + trial % 5, columns = rows + trial % 3
            let costs = (0..<(rows * columns)).map { _ in Double(generator.next() % 1000) / 10 }
            let assignment = LinearAssignment.minimumCost(costs: costs, rows: rows, columns: columns)
            let total = assignment.enumerated().reduce(0.0) { $0 + costs[$1.offset * columns + $1.element!] }
            #expect(abs(total - bruteForceCost(costs, rows: rows, columns: columns)) < 1e-9)
            #expect(Set(assignment.compactMap { $0 }).count == rows)
            // The transposed problem leaves columns − rows rows without a column.
            var transposed = [Double](repeating: 0, count: costs.count)
            for r in 0..<rows { for c in 0..<columns { transposed[c * rows + r] = costs[r * columns + c] } }
            let tall = LinearAssignment.minimumCost(costs: transposed, rows: columns, columns: rows)
            #expect(tall.compactMap { $0 }.count == rows)
            var tallTotal = 0.0
            for (row, column) in tall.enumerated() {
                if let column { tallTotal += transposed[row * rows + column] }
            }
            #expect(abs(tallTotal - total) < 1e-9)
        }
    }

    @Test func sparseMaximisesMatchesBeforeCost() {
        // Row 0 prefers column 0 (cost 0.1), but then row 1 would be left without a match.
        let edges = [
            LinearAssignment.Edge(row: 0, column: 0, cost: 0.1),
            LinearAssignment.Edge(row: 0, column: 1, cost: 0.6),
            LinearAssignment.Edge(row: 1, column: 0, cost: 0.5),
            LinearAssignment.Edge(row: 5, column: 7, cost: 0.3),
        ]
        let pairs = LinearAssignment.sparse(rows: 6, columns: 8, edges: edges)
        let byRow = Dictionary(uniqueKeysWithValues: pairs.map { ($0.row, $0.column) })
        #expect(byRow == [0: 1, 1: 0, 5: 7])
    }

    @Test func emptyProblems() {
        #expect(LinearAssignment.minimumCost(costs: [], rows: 0, columns: 3).isEmpty)
        #expect(LinearAssignment.minimumCost(costs: [], rows: 2, columns: 0) == [nil, nil])
        #expect(LinearAssignment.sparse(rows: 3, columns: 3, edges: []).isEmpty)
    }
}
