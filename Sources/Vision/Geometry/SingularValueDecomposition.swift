/// The right singular vectors and singular values of a small dense matrix, by one-sided Jacobi.
///
/// One-sided Jacobi works on the matrix itself rather than on AᵀA, so it does not square the
/// condition number; the homography fit needs the null vector of an 8- or 2n-row, 9-column matrix.
struct SingularValueDecomposition {
    /// Singular values, one per column, in no particular order.
    let singularValues: [Double]
    /// Right singular vectors: `rightVectors[j]` belongs to `singularValues[j]`.
    let rightVectors: [[Double]]

    /// Decomposes a matrix given as its columns (all of one length).
    init(columns input: [[Double]], maximumSweeps: Int = 60) {
        var columns = input
        let n = columns.count
        var v = (0..<n).map { j in (0..<n).map { $0 == j ? 1.0 : 0.0 } }
        sweeps: for _ in 0..<maximumSweeps {
            var rotated = false
            for p in 0..<n {
                for q in (p + 1)..<n {
                    var alpha = 0.0, beta = 0.0, gamma = 0.0
                    for k in columns[p].indices {
                        alpha += columns[p][k] * columns[p][k]
                        beta += columns[q][k] * columns[q][k]
                        gamma += columns[p][k] * columns[q][k]
                    }
                    guard abs(gamma) > 1e-15 * (alpha * beta).squareRoot(), gamma != 0 else { continue }
                    rotated = true
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot(), s = c * t
                    for k in columns[p].indices {
                        let a = columns[p][k], b = columns[q][k]
                        columns[p][k] = c * a - s * b
                        columns[q][k] = s * a + c * b
                    }
                    for k in 0..<n {
                        let a = v[p][k], b = v[q][k]
                        v[p][k] = c * a - s * b
                        v[q][k] = s * a + c * b
                    }
                }
            }
            if !rotated { break sweeps }
        }
        singularValues = columns.map { column in column.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        rightVectors = v
    }
}
